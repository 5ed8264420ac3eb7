"""M8: the steering group's participation overview in a real browser."""

import datetime

import pytest
from django.utils import timezone

from tests.browser.login import log_in
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory, UserFactory
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_m8_participation_overview_has_no_axe_violations(page):
    year = timezone.localdate().year
    group = ProjectGroupFactory(name="Projectgroep Eenzaamheid")
    MemberFactory(first_name="Ilse", last_name="Zonder")
    ParticipationFactory(group=group, confirmed_on=datetime.date(year, 1, 5))
    UserFactory(email="stuur@example.org", role="Stuurgroep")
    log_in(page, "stuur@example.org")
    page.wait_for_url("**/portaal/")
    page.goto("/portaal/deelname/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert page.get_by_role("row").filter(has_text="Ilse Zonder").count() == 1
    assert page.get_by_role("row").filter(has_text="Projectgroep Eenzaamheid").count() == 1
    assert_accessible(page)
    page.get_by_label("Jaar").select_option(str(year - 1))
    page.get_by_role("button", name="Jaar tonen").click()
    page.wait_for_url(f"**/portaal/deelname/?jaar={year - 1}")
    assert page.get_by_role("row").filter(has_text="Ilse Zonder").count() == 0
    assert_accessible(page)
