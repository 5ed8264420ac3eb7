"""The retirement schedule (S4): at most half of the seats end in one year; the page."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from steering.models import SeatEndReason, SeatRole, SeatSource, Task
from steering.selectors.governance import retirement_schedule, term_end_for, term_suggest
from steering.services.seats import seat_assign, seat_end
from tests.harness import assert_queries_flat
from tests.members.factories import MemberFactory, secretary
from tests.steering.factories import CandidateFactory, SeatFactory, election_voting_closed

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
START = datetime.date(2027, 1, 1)


def _elected():
    election = election_voting_closed(seats=6, results_at=timezone.now())
    return election, CandidateFactory(election=election, elected=True).member


def _assign(term_years, starts_on=START):
    election, member = _elected()
    return seat_assign(
        member=member,
        role=SeatRole.MEMBER,
        tasks=[],
        starts_on=starts_on,
        term_years=term_years,
        source=SeatSource.ELECTED,
        election=election,
        by=secretary(),
    )


def test_s4_at_most_half_of_the_seats_end_in_the_same_year():
    for _ in range(3):
        _assign(2)  # three seats end on 31 December 2028
    with pytest.raises(ValidationError) as refused:
        _assign(2)
    message = refused.value.message_dict["term_years"][0]
    assert "2028" in message and re.search("half|helft", message)  # S4
    assert "4" in message  # the suggestion: a term whose year has no ends yet, the longest
    assert _assign(4).term_end == datetime.date(2030, 12, 31)


def test_s4_a_seat_ended_early_no_longer_counts_for_its_year():
    seats = [_assign(2) for _ in range(3)]
    seat_end(seat=seats[0], on=START, reason=SeatEndReason.RESIGNED, by=None)
    assert _assign(2).term_end.year == 2028


def test_s4_term_suggest_spreads_the_ends():
    assert term_suggest(START) == 4  # nothing ends yet: the longest term
    _assign(4)
    assert term_suggest(START) == 3  # 2030 has one end; 2029 none (longest of the empty)
    _assign(3)
    _assign(2)
    _assign(1)
    assert term_suggest(START) == 4  # every year has one: the longest again
    assert term_suggest(START, seats=3) is None  # three more in one year would make four


def test_term_end_matches_the_database():
    seat = _assign(2, starts_on=datetime.date(2028, 2, 29))  # within the member's term (S1)
    assert seat.term_end == term_end_for(datetime.date(2028, 2, 29), 2)


def test_s4_schedule_lists_the_seats_by_end_of_term_and_flags_the_ending():
    today = TODAY()
    soon = SeatFactory(starts_on=today - datetime.timedelta(365 * 2 - 30), term_years=2)
    later = SeatFactory(starts_on=today - datetime.timedelta(10), term_years=3)
    future = SeatFactory(starts_on=today + datetime.timedelta(60), term_years=1)
    SeatFactory(starts_on=today - datetime.timedelta(2000), term_years=1)  # over
    gone = SeatFactory()
    seat_end(seat=gone, on=today, reason=SeatEndReason.RESIGNED, by=None)
    schedule = retirement_schedule(today)
    assert [row.seat for row in schedule.rows] == sorted(
        [soon, later, future], key=lambda s: s.term_end
    )
    flagged = [row.seat for row in schedule.ending_soon]
    assert flagged == [soon]
    assert schedule.next_start == soon.term_end + datetime.timedelta(1)
    assert schedule.suggested_term in (1, 2, 3, 4)
    row = schedule.rows[0]
    assert row.year == row.seat.term_end.year and row.bar_width > 0


def _seat_with(role, tasks, **kwargs):
    return SeatFactory(role=role, tasks=tasks, **kwargs)


def test_steering_page_shows_members_schedule_and_timeline(member_client):
    ending = _seat_with(
        SeatRole.CHAIR,
        [Task.CHAIRING],
        starts_on=TODAY() - datetime.timedelta(365 - 20),
        term_years=1,
    )
    _seat_with(SeatRole.SECRETARY, [Task.SECRETARIAT], term_years=3)
    response = member_client.get(reverse("steering_governance:overview"))
    assert response.status_code == 200
    page = response.content.decode()
    assert str(ending.member) in page
    assert 'id="schedule"' in page and 'class="schedule-timeline"' in page
    assert 'id="ending-soon"' in page
    assert "bar-ending-soon" in page
    assert " style=" not in page  # CSP: classes and SVG attributes only
    assert reverse("admin:steering_election_add") not in page  # members do not open elections


def test_steering_page_links_the_secretariat_to_open_an_election(secretariat_client):
    SeatFactory(starts_on=TODAY() - datetime.timedelta(365 - 20), term_years=1)
    page = secretariat_client.get(reverse("steering_governance:overview")).content.decode()
    assert reverse("admin:steering_election_add") in page


def test_steering_page_queries_stay_flat(member_client):
    def grow(n):
        for index in range(n):
            SeatFactory(
                starts_on=TODAY() - datetime.timedelta(index * 40),
                term_years=1 + index % 4,
                tasks=[Task.CONNECTING],
                member=MemberFactory(),
            )

    assert_queries_flat(lambda: member_client.get(reverse("steering_governance:overview")), grow)
