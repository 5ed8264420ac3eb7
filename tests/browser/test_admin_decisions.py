"""Issue 18.2 in the browser: the secretariat decides an application on its admin page;
the page, its decision form and a refusal on it have no axe violations, and an ineligible
applicant is declined with the reason."""

import pytest
from playwright.sync_api import expect

from members.models import Application
from tests.browser.login import log_in_to_admin
from tests.browser.test_review import applications  # noqa: F401 (the fixture)
from tests.harness import assert_accessible
from tests.members.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_declines_an_ineligible_applicant_on_its_admin_page(
    page,
    applications,  # noqa: F811
):
    UserFactory(email="sec@example.org", role="Secretariaat")
    log_in_to_admin(page, "sec@example.org")
    ineligible = applications[2]
    page.goto(f"/admin/members/application/{ineligible.pk}/change/")
    assert page.get_by_role("radio", name="Toelaten als lid").count() == 0
    assert_accessible(page)
    page.get_by_role("radio", name="Afwijzen").check()
    page.get_by_role("button", name="Besluit vastleggen").click()  # no reason yet
    expect(page.get_by_text("Geef de reden voor dit besluit.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Reden").fill("Werkt bij de gemeente (M5).")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_url(f"**/admin/members/application/{ineligible.pk}/change/")
    ineligible.refresh_from_db()
    assert ineligible.decision == Application.Decision.DECLINED
