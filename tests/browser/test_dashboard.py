"""Issue 8: the dashboard on the portal and the admin index, with items, through axe."""

import datetime

import pytest
from django.utils import timezone

from tests.browser.login import log_in, log_in_verified
from tests.finance.factories import ExpenseClaimFactory
from tests.harness import assert_accessible
from tests.members.factories import ApplicationFactory, MemberFactory, UserFactory
from tests.steering.factories import SeatFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _attention():
    """Something in most sections: an application, a seat ending, a claim."""
    ApplicationFactory()
    today = timezone.localdate()
    SeatFactory(starts_on=today - datetime.timedelta(days=340), term_years=1)
    ExpenseClaimFactory(member=MemberFactory())


@pytest.mark.parametrize("role", ["Secretariaat", "Stuurgroep"])
def test_dashboard_on_the_portal_has_no_axe_violations(page, role):
    _attention()
    UserFactory(email="staf@example.org", role=role)
    log_in_verified(page, "staf@example.org")
    page.wait_for_url("**/portaal/")
    todo = page.locator("#te-doen")  # issue 16: the items are among the tasks
    assert todo.locator("[data-task=dashboard-applications_awaiting_decision] a").is_visible()
    # Only who decides on claims is sent to the queue (issue 16.3: it was a 403); the
    # steering group sees the item without a link.
    claims = todo.locator("[data-task=dashboard-claims_awaiting] a").count()
    assert claims == (1 if role == "Secretariaat" else 0)
    assert todo.locator("[data-task=dashboard-steering_seats_ending]").count() == 1
    assert_accessible(page)
    # Each item leads to where the role handles it (issue 18.2): the secretariat to the
    # admin, the steering group to the portal.
    todo.locator("[data-task=dashboard-applications_awaiting_decision] a").click()
    if role == "Secretariaat":
        page.wait_for_url("**/admin/members/application/?decision__exact=pending")
    else:
        page.wait_for_url("**/portaal/aanmeldingen/")


def test_dashboard_on_the_admin_index_has_no_axe_violations(page, settings):
    settings.ASDG_ADMIN_REQUIRE_OTP = False
    _attention()
    UserFactory(email="sec@example.org", role="Secretariaat")
    log_in(page, "sec@example.org")
    page.wait_for_url("**/portaal/")
    page.goto("/admin/")
    assert page.locator("#dashboard [data-item=applications_awaiting_decision]").is_visible()
    assert_accessible(page)
