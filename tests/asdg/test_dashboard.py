"""Issue 8: each dashboard item appears exactly when its condition holds.

Every check is called with a fixed `today` and data at the boundary: one day inside,
one day outside.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from advices.models import Status, Trajectory
from asdg import dashboard
from members.models import Application, IncompatibilityDeclaration, Member
from members.selectors import add_months
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.harness import assert_queries_flat
from tests.members.factories import ApplicationFactory, MemberFactory, secretary
from tests.projectgroups.factories import ParticipationFactory

TODAY = datetime.date(2026, 11, 29)

pytestmark = pytest.mark.django_db


def _declare(member, year=TODAY.year, **answers):
    fields = {"m5_council": False, "m5_employee": False, "m5_commercial": False}
    return IncompatibilityDeclaration.objects.create(
        member=member, year=year, m5_political=False, **{**fields, **answers}
    )


def _keys(today=TODAY):
    return {item.key for section in dashboard.dashboard(today=today) for item in section.items}


# Membership


def test_application_awaiting_decision_appears_until_decided():
    application = ApplicationFactory()
    assert dashboard.applications_awaiting_decision(TODAY).examples == [
        f"{application.first_name} {application.last_name}"
    ]
    Application.objects.filter(pk=application.pk).update(
        decision=Application.Decision.DECLINED,
        decided_by=secretary(),
        decided_at=timezone.now(),
        decision_reason="Geen plaats",
    )
    assert dashboard.applications_awaiting_decision(TODAY) is None


@pytest.mark.parametrize(
    ("term_end", "shown"),
    [
        (TODAY, True),
        (add_months(TODAY, 3), True),
        (add_months(TODAY, 3) + datetime.timedelta(days=1), False),
        (TODAY - datetime.timedelta(days=1), False),
    ],
)
def test_term_ending_within_three_months(term_end, shown):
    # A one-year term starting the day after term_end a year earlier ends on term_end.
    start = (term_end + datetime.timedelta(days=1)).replace(year=term_end.year - 1)
    member = MemberFactory(start_date=start, term_years=1)
    member.refresh_from_db()
    assert member.term_end == term_end
    item = dashboard.terms_ending(TODAY)
    assert (item is not None) is shown
    if shown:
        assert "attention=term_ending" in item.url


def test_ended_member_term_is_not_flagged():
    member = MemberFactory(start_date=datetime.date(2026, 1, 1), term_years=1)
    Member.objects.filter(pk=member.pk).update(ended_on=TODAY, end_reason="resigned")
    assert dashboard.terms_ending(TODAY) is None


def test_missing_declaration_appears_until_declared():
    member = MemberFactory(start_date=TODAY)
    assert dashboard.declarations_missing(TODAY) is not None
    _declare(member)
    assert dashboard.declarations_missing(TODAY) is None


def test_member_starting_tomorrow_owes_no_declaration_yet():
    MemberFactory(start_date=TODAY + datetime.timedelta(days=1))
    assert dashboard.declarations_missing(TODAY) is None


def test_last_years_declaration_does_not_count():
    _declare(MemberFactory(start_date=datetime.date(2025, 1, 1)), year=TODAY.year - 1)
    assert dashboard.declarations_missing(TODAY) is not None


def test_incompatibility_flag_appears_for_a_yes_this_year_only():
    member = MemberFactory(start_date=datetime.date(2025, 1, 1))
    _declare(member, year=TODAY.year - 1, m5_employee=True)
    assert dashboard.incompatibility_flags(TODAY) is None
    _declare(member, m5_employee=True)
    item = dashboard.incompatibility_flags(TODAY)
    assert item.examples == [str(member)] and "m5=flagged" in item.url


def test_m1_gap_to_the_target_appears_below_it(settings):
    settings.ASDG_TARGET_MEMBERS = 3
    MemberFactory.create_batch(2, start_date=datetime.date(2025, 1, 1))
    assert dashboard.members_below_target(TODAY) is not None
    MemberFactory(start_date=datetime.date(2025, 1, 1))
    assert dashboard.members_below_target(TODAY) is None


# Advices and project groups


def _trajectories(count, received_on):
    for _ in range(count):
        TrajectoryFactory(received_on=received_on)


def test_a5_more_than_fifteen_advices_a_year_appears():
    _trajectories(15, datetime.date(2026, 1, 10))
    assert dashboard.advices_against_capacity(datetime.date(2026, 2, 1)) is None
    TrajectoryFactory(received_on=datetime.date(2026, 1, 10))
    assert dashboard.advices_against_capacity(datetime.date(2026, 2, 1)) is not None


def test_a5_behind_the_pace_of_ten_appears():
    last_day = datetime.date(2026, 12, 31)
    _trajectories(9, datetime.date(2026, 3, 1))
    assert dashboard.advices_against_capacity(last_day) is not None
    TrajectoryFactory(received_on=datetime.date(2026, 3, 1))
    assert dashboard.advices_against_capacity(last_day) is None
    # Early in the year, no advice yet is on pace.
    Trajectory.objects.all().delete()
    assert dashboard.advices_against_capacity(datetime.date(2026, 1, 5)) is None


@pytest.mark.parametrize(("days", "shown"), [(14, True), (0, True), (-3, True), (15, False)])
def test_deadline_within_two_weeks(days, shown):
    TrajectoryFactory(deadline=TODAY + datetime.timedelta(days=days))
    assert (dashboard.deadlines_soon(TODAY) is not None) is shown


def test_deadline_of_a_sent_advice_is_not_flagged():
    trajectory = advance_to(TrajectoryFactory(deadline=TODAY), Status.SENT)
    assert trajectory.status == Status.SENT
    assert dashboard.deadlines_soon(TODAY) is None


def test_overdue_college_response_appears_after_the_configured_weeks(settings):
    settings.ASDG_RESPONSE_REMINDER_WEEKS = 8
    trajectory = advance_to(TrajectoryFactory(), Status.SENT)
    cutoff = TODAY - datetime.timedelta(weeks=8)
    Trajectory.objects.filter(pk=trajectory.pk).update(sent_on=cutoff)
    assert dashboard.responses_overdue(TODAY) is None
    Trajectory.objects.filter(pk=trajectory.pk).update(sent_on=cutoff - datetime.timedelta(1))
    assert dashboard.responses_overdue(TODAY) is not None


def test_m8_member_without_a_project_group_appears_until_confirmed_in_one():
    member = MemberFactory(start_date=datetime.date(2025, 1, 1))
    assert dashboard.members_without_group(TODAY).examples == [str(member)]
    ParticipationFactory(member=member, status="confirmed", confirmed_on=TODAY)
    assert dashboard.members_without_group(TODAY) is None


# The page


def test_empty_dashboard_says_nothing_needs_attention(settings):
    settings.ASDG_TARGET_MEMBERS = 0
    assert _keys(datetime.date(2026, 1, 1)) == set()
    sections = dashboard.dashboard(today=datetime.date(2026, 1, 1))
    assert all(not section.items for section in sections)


def test_dashboard_is_on_the_portal_for_steering_and_secretariat_only(
    member_client, steering_client, secretariat_client
):
    ApplicationFactory()
    for client in (steering_client, secretariat_client):
        page = client.get("/portaal/").content.decode()
        assert 'id="dashboard"' in page
        assert 'data-item="applications_awaiting_decision"' in page
    assert 'id="dashboard"' not in member_client.get("/portaal/").content.decode()


def test_dashboard_opens_the_admin_index(secretariat_client):
    ApplicationFactory()
    page = secretariat_client.get("/admin/").content.decode()
    assert 'data-item="applications_awaiting_decision"' in page


def test_empty_sections_say_so(secretariat_client, settings):
    settings.ASDG_TARGET_MEMBERS = 0
    _trajectories(10, timezone.localdate().replace(month=1, day=1))  # on pace for A5
    page = secretariat_client.get("/portaal/").content.decode()
    assert 'data-empty="advices"' in page


def test_dashboard_query_count_is_flat_at_ten_times_the_data(secretariat_client):
    Group.objects.get_or_create(name="Lid")

    def grow(n):
        for _ in range(n):
            member = MemberFactory(start_date=datetime.date(2025, 1, 1), term_years=1)
            _declare(member, m5_council=True)
            ApplicationFactory()
            TrajectoryFactory(deadline=timezone.localdate())

    assert_queries_flat(lambda: secretariat_client.get("/portaal/"), grow)
