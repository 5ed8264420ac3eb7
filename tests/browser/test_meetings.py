"""Plenary meetings in a real browser: a member answers an invitation (no JavaScript
needed), the meeting page, the calendar page, training and agendas to watch (axe-core)."""

import datetime

import pytest
from django.utils import timezone

from steering.models import Invitation
from steering.services.meetings import attendance_record, decision_record, meeting_plan
from tests.browser.login import log_in
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory, UserFactory, secretary
from tests.steering.factories import TrainingActivityFactory, WatchItemFactory, invite

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _plan(title, days):
    starts = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=days)
    return invite(
        meeting_plan(
            title=title,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            location="Stadhuis, Grote Markt 1",
            by=None,
        )
    )


def test_member_answers_the_invitation(page):
    member = MemberFactory(email="lid@example.org", first_name="Fatima", last_name="El Amrani")
    upcoming = _plan("Brede bijeenkomst najaar", days=14)
    past = _plan("Brede bijeenkomst zomer", days=-30)
    attendance_record(meeting=past, attended_member_ids=[member.pk], by=None)
    decision_record(
        meeting=past, proposal="Het jaarplan wordt vastgesteld.", votes_for=1,
        votes_against=0, abstentions=0, by=secretary(),
    )  # fmt: skip
    log_in(page, "lid@example.org")
    page.wait_for_url("**/portaal/")
    assert "Brede bijeenkomst najaar" in page.locator("#binnenkort").inner_text()
    assert_accessible(page)

    page.goto("/portaal/bijeenkomsten/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert_accessible(page)
    form = page.locator(f"#rsvp-{upcoming.pk}")
    form.locator("input[value=yes]").check()
    form.get_by_role("button").click()
    page.wait_for_url("**/portaal/bijeenkomsten/")
    assert Invitation.objects.get(meeting=upcoming, member=member).response == "yes"
    assert page.locator(f"#rsvp-{upcoming.pk} input[value=yes]").is_checked()
    assert_accessible(page)

    page.goto(f"/portaal/bijeenkomsten/{upcoming.pk}/")
    assert_accessible(page)
    page.locator(f"#rsvp-{upcoming.pk} input[value=maybe]").check()
    page.locator(f"#rsvp-{upcoming.pk}").get_by_role("button").click()
    page.wait_for_url(f"**/portaal/bijeenkomsten/{upcoming.pk}/")
    assert Invitation.objects.get(meeting=upcoming, member=member).response == "maybe"

    page.goto(f"/portaal/bijeenkomsten/{past.pk}/")
    assert "Het jaarplan wordt vastgesteld." in page.locator("#decisions").inner_text()
    assert page.locator(f"#rsvp-{past.pk}").count() == 0  # not after the meeting
    assert_accessible(page)


def test_calendar_and_training_pages(page):
    member = MemberFactory(email="lid@example.org")
    TrainingActivityFactory(title="Workshop adviezen schrijven").participants.add(member)
    _plan("Brede bijeenkomst", days=10)
    log_in(page, "lid@example.org")
    page.wait_for_url("**/portaal/")
    page.goto("/portaal/bijeenkomsten/agenda/")
    assert_accessible(page)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/portaal/bijeenkomsten/agenda/")
    url = page.locator("#feed-url").input_value()
    assert url.endswith(".ics") and "/agenda/" in url
    assert_accessible(page)
    page.goto("/portaal/bijeenkomsten/trainingen/")
    assert "Workshop adviezen schrijven" in page.locator("#my-trainings").inner_text()
    assert_accessible(page)


def test_agendas_to_watch_for_the_steering_group(page):
    WatchItemFactory(title="Herijking Wmo-beleid", advice_request_expected=True)
    UserFactory(email="stuur@example.org", role="Stuurgroep")
    log_in(page, "stuur@example.org")
    page.wait_for_url("**/portaal/")
    page.goto("/portaal/bijeenkomsten/agendas-volgen/")
    assert "Herijking Wmo-beleid" in page.locator("#watch-items").inner_text()
    assert_accessible(page)
