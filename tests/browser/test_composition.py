"""The composition page in a real browser: axe-core for both roles that may open it."""

import pytest

from members.models.common import CulturalBackground
from tests.browser.login import log_in_verified
from tests.harness import assert_accessible
from tests.members.factories import (
    ApplicationFactory,
    MemberFactory,
    RecruitmentRoundFactory,
    UserFactory,
    postcode_area,
    theme,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def composition_data():
    city = postcode_area("9712", "Binnenstad", "city")
    haren = postcode_area("9751", "Haren", "haren")
    poverty, care = theme("Armoede", 5), theme("Mantelzorg", 9)
    for i in range(6):
        member = MemberFactory(postcode_area=haren if i % 3 == 0 else city)
        member.knowledge_themes.set([poverty])
        member.experience_themes.set([care] if i < 2 else [])
    applicant = ApplicationFactory(
        first_name="Anna",
        round=RecruitmentRoundFactory(),
        postcode_area=haren,
        cultural_background=CulturalBackground.EUROPE,
        special_consent_at="2026-01-01T00:00Z",
        special_consent_version="2026-1",
    )
    applicant.knowledge_themes.set([care])


@pytest.mark.parametrize("role", ["Stuurgroep", "Secretariaat"])
def test_m4_composition_page_has_no_axe_violations(page, composition_data, role):
    csp_violations = []
    page.on(
        "console",
        lambda msg: csp_violations.append(msg.text) if "Content Security" in msg.text else None,
    )
    UserFactory(email="gebruiker@example.org", role=role)
    log_in_verified(page, "gebruiker@example.org")
    page.wait_for_url("**/portaal/")
    page.goto("/portaal/samenstelling/")
    assert page.locator("h1").count() == 1
    assert page.get_by_role("heading", level=1).inner_text() == "Samenstelling van de adviesgroep"
    assert page.locator("#suggestions").get_by_text("Anna").count() == 1
    assert_accessible(page)
    assert csp_violations == []
