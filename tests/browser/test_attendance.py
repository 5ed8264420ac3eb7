"""The secretariat in the admin: plans a meeting, records attendance in bulk, records a
decision; the steering lists of consultations, agendas, subjects and training (axe-core)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steering.models import PlenaryMeeting
from steering.services.meetings import meeting_plan
from tests.browser.login import log_in_to_admin
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory, UserFactory
from tests.steering.factories import (
    ConsultationFactory,
    SubjectProposalFactory,
    TrainingActivityFactory,
    WatchItemFactory,
    invite,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _admin_login(page, settings):
    UserFactory(email="sec@example.org", role="Secretariaat")
    log_in_to_admin(page, "sec@example.org")


def test_secretariat_records_attendance_in_bulk(page, settings):
    anna = MemberFactory(first_name="Anna", last_name="de Boer")
    bram = MemberFactory(first_name="Bram", last_name="Visser")
    starts = timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(hours=3)
    meeting = meeting_plan(
        title="Brede bijeenkomst", starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
        location="Stadhuis", by=None,
    )  # fmt: skip
    meeting = invite(meeting)
    meeting.invitations.filter(member=anna).update(response="yes")
    _admin_login(page, settings)

    page.goto("/admin/steering/plenarymeeting/")
    assert_accessible(page)
    page.goto(f"/admin/steering/plenarymeeting/{meeting.pk}/change/")
    assert_accessible(page)
    page.locator(f"a[href$='/{meeting.pk}/aanwezigheid/']").click()
    page.wait_for_url(f"**/{meeting.pk}/aanwezigheid/")
    assert_accessible(page)
    assert page.locator(f"input[name=attended][value='{anna.pk}']").is_checked()
    assert not page.locator(f"input[name=attended][value='{bram.pk}']").is_checked()
    page.locator(f"input[name=attended][value='{bram.pk}']").check()
    page.locator("#attendance-form input[type=submit]").click()
    page.wait_for_url(f"**/plenarymeeting/{meeting.pk}/change/")
    meeting.refresh_from_db()
    assert meeting.status == PlenaryMeeting.Status.HELD
    assert meeting.invitations.filter(attended=True).count() == 2

    page.goto("/admin/steering/decision/add/")
    assert_accessible(page)
    page.locator("#id_meeting").select_option(str(meeting.pk))
    page.locator("#id_proposal").fill("Het jaarplan wordt vastgesteld.")
    page.locator("#id_votes_for").fill("3")  # more than the two present
    page.locator("#id_votes_against").fill("0")
    page.locator("#id_abstentions").fill("0")
    page.locator("input[name=_save]").click()
    # Waits for the answer: right after the click the old form (no errors) is still shown.
    expect(page.locator(".errorlist").first).to_be_visible()
    assert_accessible(page)
    page.locator("#id_votes_for").fill("2")
    page.locator("input[name=_save]").click()
    page.wait_for_url("**/admin/steering/decision/")
    assert meeting.decisions.get().adopted


def test_steering_admin_pages_are_accessible(page, settings):
    ConsultationFactory()
    WatchItemFactory()
    SubjectProposalFactory()
    TrainingActivityFactory()
    _admin_login(page, settings)
    for url in [
        "/admin/steering/plenarymeeting/add/",
        "/admin/steering/consultation/",
        "/admin/steering/consultation/add/",
        "/admin/steering/watchitem/",
        "/admin/steering/watchitem/add/",
        "/admin/steering/subjectproposal/",
        "/admin/steering/trainingactivity/",
        "/admin/steering/trainingactivity/add/",
    ]:
        page.goto(url)
        assert_accessible(page)
