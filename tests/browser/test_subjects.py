"""Subjects from members in a real browser: a member proposes, another supports, the
steering group schedules it on a plenary agenda; the proposer sees the outcome (axe-core)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steering.models import SubjectProposal
from steering.services.meetings import meeting_plan
from tests.browser.login import log_in
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory, UserFactory
from tests.steering.factories import invite

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_proposes_another_supports_and_the_steering_group_schedules(page):
    MemberFactory(email="lid@example.org")
    MemberFactory(email="ander@example.org")
    starts = timezone.now() + datetime.timedelta(days=20)
    meeting = meeting_plan(
        title="Brede bijeenkomst", starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
        location="Stadhuis", by=None,
    )  # fmt: skip
    meeting = invite(meeting)

    log_in(page, "lid@example.org")
    page.wait_for_url("**/portaal/")
    page.goto("/portaal/onderwerpen/")
    assert_accessible(page)
    page.goto("/portaal/onderwerpen/nieuw/")
    assert_accessible(page)
    page.locator("#subject-form button[type=submit]").click()  # empty: errors on the fields
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert_accessible(page)
    page.locator("#id_title").fill("Energiearmoede in huurwoningen")
    page.locator("#id_description").fill("Steeds meer huishoudens kunnen de rekening niet betalen.")
    page.locator("input[name=purpose][value=plenary]").check()
    with page.expect_navigation():
        page.locator("#subject-form button[type=submit]").click()
    proposal = SubjectProposal.objects.get(title="Energiearmoede in huurwoningen")
    page.wait_for_url(f"**/portaal/onderwerpen/{proposal.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, "ander@example.org")
    page.wait_for_url("**/portaal/")
    page.goto("/portaal/onderwerpen/")
    assert "Energiearmoede in huurwoningen" in page.locator("#open-subjects").inner_text()
    page.goto(f"/portaal/onderwerpen/{proposal.pk}/")
    page.locator(f"form[action$='/{proposal.pk}/steunen/'] button").click()
    page.wait_for_url(f"**/portaal/onderwerpen/{proposal.pk}/")
    assert proposal.supports.count() == 1
    assert page.locator("#i-support").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()

    UserFactory(email="stuur@example.org", role="Stuurgroep")
    log_in(page, "stuur@example.org")
    page.wait_for_url("**/portaal/")
    page.goto(f"/portaal/onderwerpen/{proposal.pk}/")
    assert_accessible(page)
    page.locator("#id_schedule-meeting").select_option(str(meeting.pk))
    page.locator("#schedule-form button[type=submit]").click()
    page.wait_for_url(f"**/portaal/onderwerpen/{proposal.pk}/")
    proposal.refresh_from_db()
    assert proposal.status == SubjectProposal.Status.SCHEDULED
    assert meeting.agenda.filter(subject=proposal).exists()
    assert page.locator("#subject-outcome").is_visible()
    assert_accessible(page)
