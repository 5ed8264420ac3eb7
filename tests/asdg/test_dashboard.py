"""Issue 8: each dashboard item appears exactly when its condition holds.

Every check is called with a fixed `today` and data at the boundary: one day inside,
one day outside.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.formats import date_format

from advices.models import Status, Trajectory
from asdg import dashboard
from finance.models import BudgetYear, ExpenseClaim
from finance.services import booking_add
from members.models import Application, IncompatibilityDeclaration, Member
from members.selectors import add_months, members_sitting
from steering.models import PlenaryMeeting
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.finance.factories import ExpenseClaimFactory
from tests.harness import assert_queries_flat
from tests.members.factories import ApplicationFactory, MemberFactory, secretary
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory
from tests.steering.factories import (
    ConsultationFactory,
    ElectionFactory,
    PlenaryMeetingFactory,
    SeatFactory,
)

TODAY = datetime.date(2026, 11, 29)

pytestmark = pytest.mark.django_db


def _declare(member, year=TODAY.year, **answers):
    fields = {"m5_council": False, "m5_employee": False, "m5_commercial": False}
    return IncompatibilityDeclaration.objects.create(
        member=member, year=year, m5_political=False, **{**fields, **answers}
    )


def _keys(today=TODAY):
    return {item.key for section in dashboard.dashboard(today=today) for item in section.items}


def _item(key, today=TODAY):
    """The dashboard's item `key` on `today`, or None when its condition does not hold."""
    assert key in {check.key for check in dashboard.CHECKS}, key
    items = [item for section in dashboard.dashboard(today=today) for item in section.items]
    return next((item for item in items if item.key == key), None)


# Membership


def test_application_awaiting_decision_appears_until_decided():
    application = ApplicationFactory()
    assert _item("applications_awaiting_decision", TODAY).examples == [
        f"{application.first_name} {application.last_name}"
    ]
    Application.objects.filter(pk=application.pk).update(
        decision=Application.Decision.DECLINED,
        decided_by=secretary(),
        decided_at=timezone.now(),
        decision_reason="Geen plaats",
    )
    assert _item("applications_awaiting_decision", TODAY) is None


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
    item = _item("terms_ending", TODAY)
    assert (item is not None) is shown
    if shown:
        assert "attention=term_ending" in item.url


def test_ended_member_term_is_not_flagged():
    member = MemberFactory(start_date=datetime.date(2026, 1, 1), term_years=1)
    Member.objects.filter(pk=member.pk).update(ended_on=TODAY, end_reason="resigned")
    assert _item("terms_ending", TODAY) is None


def test_missing_declaration_appears_until_declared():
    member = MemberFactory(start_date=TODAY)
    assert _item("declarations_missing", TODAY) is not None
    _declare(member)
    assert _item("declarations_missing", TODAY) is None


def test_member_starting_tomorrow_owes_no_declaration_yet():
    MemberFactory(start_date=TODAY + datetime.timedelta(days=1))
    assert _item("declarations_missing", TODAY) is None


def test_last_years_declaration_does_not_count():
    _declare(MemberFactory(start_date=datetime.date(2025, 1, 1)), year=TODAY.year - 1)
    assert _item("declarations_missing", TODAY) is not None


def test_incompatibility_flag_appears_for_a_yes_this_year_only():
    member = MemberFactory(start_date=datetime.date(2025, 1, 1))
    _declare(member, year=TODAY.year - 1, m5_employee=True)
    assert _item("incompatibility_flags", TODAY) is None
    _declare(member, m5_employee=True)
    item = _item("incompatibility_flags", TODAY)
    assert item.examples == [str(member)] and "m5=flagged" in item.url


def test_m1_members_above_the_band_are_said_to_be_above_the_target(settings):
    """Issue 18.6: "about 40" is no floor; far above it the dashboard says so."""
    MemberFactory.create_batch(3, start_date=datetime.date(2025, 1, 1))
    settings.ASDG_TARGET_MEMBERS = 2
    assert _item("members_above_target", TODAY) is not None
    assert _item("members_below_target", TODAY) is None
    settings.ASDG_TARGET_MEMBERS = 3
    assert _item("members_above_target", TODAY) is None


def test_m1_gap_to_the_target_appears_below_it(settings):
    settings.ASDG_TARGET_MEMBERS = 3
    MemberFactory.create_batch(2, start_date=datetime.date(2025, 1, 1))
    assert _item("members_below_target", TODAY) is not None
    MemberFactory(start_date=datetime.date(2025, 1, 1))
    assert _item("members_below_target", TODAY) is None


def test_the_sql_is_built_once_a_day_and_its_rows_read_on_every_request(settings, monkeypatch):
    # Issue 20.2: building and compiling the checks' querysets was most of the dashboard's
    # Python time; the SQL of a day is kept, what it finds is not.
    settings.ASDG_TARGET_MEMBERS = 3
    MemberFactory.create_batch(2, start_date=datetime.date(2025, 1, 1))
    assert _item("members_below_target") is not None
    built = []
    first_rows = dashboard.Check.first_rows
    monkeypatch.setattr(
        dashboard.Check,
        "first_rows",
        lambda check, today: built.append(today) or first_rows(check, today),
    )
    MemberFactory(start_date=datetime.date(2025, 1, 1))
    assert _item("members_below_target") is None
    assert built == []
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert _item("members_below_target", tomorrow) is None
    assert set(built) == {tomorrow}


# Advices and project groups


def _trajectories(count, received_on):
    for _ in range(count):
        TrajectoryFactory(received_on=received_on)


def test_a5_more_than_fifteen_advices_a_year_appears():
    _trajectories(15, datetime.date(2026, 1, 10))
    assert _item("advices_over_capacity", datetime.date(2026, 2, 1)) is None
    TrajectoryFactory(received_on=datetime.date(2026, 1, 10))
    assert _item("advices_over_capacity", datetime.date(2026, 2, 1)) is not None


def test_a5_behind_the_pace_of_ten_appears():
    last_day = datetime.date(2026, 12, 31)
    _trajectories(9, datetime.date(2026, 3, 1))
    assert _item("advices_behind_pace", last_day) is not None
    TrajectoryFactory(received_on=datetime.date(2026, 3, 1))
    assert _item("advices_behind_pace", last_day) is None
    # Early in the year, no advice yet is on pace.
    Trajectory.objects.all().delete()
    assert _item("advices_behind_pace", datetime.date(2026, 1, 5)) is None


@pytest.mark.parametrize(("days", "shown"), [(14, True), (0, True), (-3, True), (15, False)])
def test_deadline_within_two_weeks(days, shown):
    TrajectoryFactory(deadline=TODAY + datetime.timedelta(days=days))
    assert (_item("deadlines_soon", TODAY) is not None) is shown


def test_deadline_of_a_sent_advice_is_not_flagged():
    trajectory = advance_to(TrajectoryFactory(deadline=TODAY), Status.SENT)
    assert trajectory.status == Status.SENT
    assert _item("deadlines_soon", TODAY) is None


def test_overdue_college_response_appears_after_the_configured_weeks(settings):
    settings.ASDG_RESPONSE_REMINDER_WEEKS = 8
    trajectory = advance_to(TrajectoryFactory(), Status.SENT)
    cutoff = TODAY - datetime.timedelta(weeks=8)
    Trajectory.objects.filter(pk=trajectory.pk).update(sent_on=cutoff)
    assert _item("responses_overdue", TODAY) is None
    Trajectory.objects.filter(pk=trajectory.pk).update(sent_on=cutoff - datetime.timedelta(1))
    assert _item("responses_overdue", TODAY) is not None


def test_m8_member_without_a_project_group_appears_until_confirmed_in_one():
    member = MemberFactory(start_date=datetime.date(2025, 1, 1))
    assert _item("members_without_group", TODAY).examples == [str(member)]
    ParticipationFactory(member=member, status="confirmed", confirmed_on=TODAY)
    assert _item("members_without_group", TODAY) is None


# The page


def _all_clear(today):
    """A group in good order on `today`: full steering group, meetings, consultations, budget."""
    group = ProjectGroupFactory()
    for _ in range(6):
        seat = SeatFactory(
            starts_on=datetime.date(today.year, 1, 1),
            term_years=3,
            member__start_date=datetime.date(today.year - 1, 1, 1),
        )
        _declare(seat.member, year=today.year)
        ParticipationFactory(group=group, member=seat.member, confirmed_on=today)
    _meetings(5, year=today.year)
    _consultations_in_order(today - datetime.timedelta(days=10))
    _line(year=today.year)


def test_empty_dashboard_says_nothing_needs_attention(settings):
    new_year = datetime.date(2026, 1, 2)
    _all_clear(new_year)
    # M1: about the target is no item; neither below nor above it (issue 18.6).
    settings.ASDG_TARGET_MEMBERS = members_sitting(on=new_year).count()
    assert _keys(new_year) == set()
    sections = dashboard.dashboard(today=new_year)
    assert all(not section.items for section in sections)


def test_dashboard_is_on_the_portal_for_steering_and_secretariat_only(
    member_client, steering_client, secretariat_client
):
    """Issue 16: its items are among the tasks on the portal home ("To do")."""
    ApplicationFactory()
    for client in (steering_client, secretariat_client):
        page = client.get("/portaal/").content.decode()
        assert 'data-task="dashboard-applications_awaiting_decision"' in page
    assert 'data-task="dashboard-' not in member_client.get("/portaal/").content.decode()


def test_dashboard_opens_the_admin_index(secretariat_client):
    ApplicationFactory()
    page = secretariat_client.get("/admin/").content.decode()
    assert 'data-item="applications_awaiting_decision"' in page


def test_empty_sections_say_so(secretariat_client, settings):
    _all_clear(timezone.localdate())
    settings.ASDG_TARGET_MEMBERS = members_sitting(on=timezone.localdate()).count()  # M1
    this_year = Trajectory.objects.filter(received_on__year=timezone.localdate().year).count()
    _trajectories(10 - this_year, timezone.localdate().replace(month=1, day=1))  # A5 pace
    page = secretariat_client.get("/admin/").content.decode()
    assert _keys(timezone.localdate()) == set()
    for section in ("membership", "steering", "advices", "finance"):
        assert f'data-empty="{section}"' in page


def grow_everything(n):
    """n units of everything the dashboard counts: a member whose one-year term ends
    within three months (M7) with an incompatible declaration (M5) and a steering seat
    (S1, S4), an application, a trajectory due today, a meeting, a consultation, a claim
    and a budget line."""
    Group.objects.get_or_create(name="Lid")
    today = timezone.localdate()
    _line(year=today.year)
    for _ in range(n):
        member = MemberFactory(start_date=add_months(today, -10), term_years=1)
        _declare(member, year=today.year, m5_council=True)
        ApplicationFactory()
        TrajectoryFactory(deadline=today)
        SeatFactory(member=member, starts_on=today, term_years=1)
        PlenaryMeetingFactory()
        ConsultationFactory()
        ExpenseClaimFactory(member=member)
        _line(year=today.year)


def test_dashboard_query_count_is_flat_at_ten_times_the_data(secretariat_client):
    assert_queries_flat(lambda: secretariat_client.get("/portaal/"), grow_everything)


# Steering group and meetings


def _seat_ending_on(term_end):
    # A one-year seat starting the day after term_end a year earlier ends on term_end.
    start = (term_end + datetime.timedelta(days=1)).replace(year=term_end.year - 1)
    return SeatFactory(starts_on=start, term_years=1)


@pytest.mark.parametrize(
    ("term_end", "shown"),
    [
        (add_months(TODAY, 3), True),
        (TODAY, True),
        (add_months(TODAY, 3) + datetime.timedelta(days=1), False),
    ],
)
def test_s4_steering_seat_ending_within_three_months(term_end, shown):
    seat = _seat_ending_on(term_end)
    seat.refresh_from_db()
    assert seat.term_end == term_end
    item = _item("steering_seats_ending", TODAY)
    assert (item is not None) is shown
    if shown:
        assert item.examples == [f"{seat.member} ({date_format(term_end)})"]


def test_s1_vacant_seats_appear_until_an_election_will_fill_them():
    for _ in range(5):
        SeatFactory(starts_on=datetime.date(2026, 1, 1), term_years=3)
    item = _item("steering_seats_vacant", TODAY)
    assert item is not None and "1" in item.label
    ElectionFactory(seats=1)  # an election under way, results not in yet
    assert _item("steering_seats_vacant", TODAY) is None


def test_s1_full_steering_group_has_no_vacancy():
    for _ in range(6):
        SeatFactory(starts_on=datetime.date(2026, 1, 1), term_years=3)
    assert _item("steering_seats_vacant", TODAY) is None


def _meetings(count, year=TODAY.year, **fields):
    for month in range(1, count + 1):
        starts = timezone.make_aware(datetime.datetime(year, month, 10, 19))
        PlenaryMeetingFactory(starts_at=starts, **fields)


@pytest.mark.parametrize(("count", "shown"), [(3, True), (4, False), (6, False), (7, True)])
def test_s6_plenary_meetings_against_four_to_six(count, shown):
    _meetings(count)
    key = "plenary_meetings_too_few" if count < 4 else "plenary_meetings_too_many"
    assert (_item(key, TODAY) is not None) is shown


def test_s6_cancelled_meetings_do_not_count():
    _meetings(4)
    _meetings(1, status=PlenaryMeeting.Status.CANCELLED)
    assert _item("plenary_meetings_too_few", TODAY) is None
    PlenaryMeeting.objects.filter(starts_at__month=1).update(status=PlenaryMeeting.Status.CANCELLED)
    assert _item("plenary_meetings_too_few", TODAY) is not None


def _consultations_in_order(today):
    ConsultationFactory(kind="programme_manager", planned_on=today, held_on=today)
    ConsultationFactory(kind="programme_manager", planned_on=add_months(today, 2))
    ConsultationFactory(kind="alderman", planned_on=today, held_on=today)
    ConsultationFactory(kind="alderman", planned_on=add_months(today, 6))


def test_s7_consultations_in_time_need_no_attention():
    _consultations_in_order(TODAY - datetime.timedelta(days=10))
    assert _item("consultations_overdue", TODAY) is None


@pytest.mark.parametrize(("days", "shown"), [(0, False), (1, True)])
def test_s7_programme_manager_gap_longer_than_two_months(days, shown):
    held = add_months(TODAY, -2) - datetime.timedelta(days=days)
    ConsultationFactory(kind="programme_manager", planned_on=held, held_on=held)
    ConsultationFactory(kind="programme_manager", planned_on=TODAY)
    ConsultationFactory(kind="alderman", planned_on=TODAY, held_on=TODAY)
    ConsultationFactory(kind="alderman", planned_on=add_months(TODAY, 6))
    assert (_item("consultations_overdue", TODAY) is not None) is shown


# Finance


def _line(year=TODAY.year, budget="1000.00"):
    budget_year, _ = BudgetYear.objects.get_or_create(year=year)
    return budget_year.lines.create(
        name=f"Website {year}", basis="fixed", stated_amount=Decimal(budget), kind="other"
    )


@pytest.mark.parametrize(("spent", "shown"), [("900.00", False), ("900.01", True)])
def test_f2_budget_line_above_ninety_percent_spent(spent, shown):
    line = _line()
    booking_add(line=line, date=TODAY, amount=Decimal(spent), description="Factuur", by=secretary())
    item = _item("budget_lines_nearly_spent", TODAY)
    assert (item is not None) is shown
    if shown:
        assert item.examples == [f"{line.name} (90%)"]


def test_f2_missing_budget_for_the_year_appears():
    BudgetYear.objects.filter(year=TODAY.year).delete()
    item = _item("budget_missing", TODAY)
    assert item is not None and str(TODAY.year) in item.label
    _line()
    assert _item("budget_missing", TODAY) is None


def test_m9_claims_awaiting_a_decision_appear_until_decided():
    claim = ExpenseClaimFactory()
    assert _item("claims_awaiting", TODAY) is not None
    ExpenseClaim.objects.filter(pk=claim.pk).update(status=ExpenseClaim.Status.WITHDRAWN)
    assert _item("claims_awaiting", TODAY) is None
