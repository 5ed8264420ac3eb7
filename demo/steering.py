"""Demo data for the steering group (S1–S4): its history since the 2020 appointment,
past elections with ballots and results, today's group of five with staggered terms,
and an election in its voting period in which lid@example.org can vote.

History is written directly (the services refuse dates in the past, rightly); the
numbers keep S1 (at most 6 held), S3 (1–4 years) and S4 (at most 3 ending a year).
"""

import datetime
import random

from django.db.models import Count, Q
from django.utils import timezone

from demo.texts import load
from members.models import Member, User
from steering.models import (
    Candidate,
    Election,
    Seat,
    SeatEndReason,
    SeatRole,
    SeatSource,
    Task,
    VoterRoll,
)
from steering.selectors.governance import (
    seat_outside_membership,
    term_end_for,
    term_keeps_schedule,
    term_suggest,
)
from steering.services.elections import ballot_box_rewrite

APPOINTED_ON = datetime.date(2021, 1, 1)
STATEMENTS = load("steering")["statements"]


def seed_steering(today: datetime.date) -> int:
    """Returns the number of seats and elections added (0 when they exist already)."""
    if Seat.objects.exists() or Election.objects.exists():
        return 0
    henk = Member.objects.filter(user__email="stuurgroep@example.org").first()
    fatima = Member.objects.filter(user__email="lid@example.org").first()
    founders = list(Member.objects.filter(start_date=APPOINTED_ON).order_by("pk"))
    if henk is None or len(founders) < 7:
        return 0
    rng = random.Random(2020)
    opener = User.objects.filter(email="secretaris@example.org").first() or henk.user
    year = today.year
    added = 0

    # The first steering group, appointed by the harmonisation project group (S2).
    appointed = [(0, 2, SeatRole.CHAIR), (1, 2, SeatRole.SECRETARY), (2, 3, SeatRole.TREASURER),
                 (3, 4, SeatRole.MEMBER), (4, 4, SeatRole.MEMBER)]  # fmt: skip
    for index, years, role in appointed:
        _seat(founders[index], role, [], APPOINTED_ON, years, SeatSource.APPOINTED, None)
        added += 1

    # 2022: two seats from 2023 for three years, among the founders.
    first = _past_election(
        rng, "Verkiezing stuurgroep 2022", datetime.date(2022, 11, 1), seats=2, term=3,
        start=datetime.date(2023, 1, 1), candidates=founders[5:8], opener=opener,
    )  # fmt: skip
    added += 1 + _seat_the_elected(first)

    # Two years ago: three seats for two years, ending this year (flagged when near).
    sitting = _sitting_on(datetime.date(year - 2, 11, 1)).exclude(
        pk__in=[henk.pk, fatima and fatima.pk]
    )
    pool = list(sitting.order_by("-term_end", "pk")[:6])
    second = _past_election(
        rng, f"Verkiezing stuurgroep {year - 2}", datetime.date(year - 2, 11, 1), seats=3, term=2,
        start=datetime.date(year - 1, 1, 1), candidates=pool[:4], opener=opener,
    )  # fmt: skip
    added += 1 + _seat_the_elected(second)

    # Last year: two seats from 1 January, ending with Henk Bakker's term (S1: a seat lies
    # within its holder's membership); Henk Bakker among them.
    elected = {c.member_id for c in second.candidates.filter(elected=True)}
    start = datetime.date(year, 1, 1)
    term = max(1, min(4, henk.term_end.year - year + 1))
    others = [m for m in pool if m.pk not in elected and _covers(m, start, term)]
    third = _past_election(
        rng, f"Verkiezing stuurgroep {year - 1}", datetime.date(year - 1, 11, 1), seats=2,
        term=term, start=start, candidates=[henk, *others[:2]], opener=opener, favourite=henk,
    )  # fmt: skip
    added += 1 + _seat_the_elected(third)
    _divide_roles(today, henk)

    # Now: an election in its voting period, for the seats that end this year.
    start = max(datetime.date(year + 1, 1, 1), today + datetime.timedelta(days=10))
    seats = 3
    not_standing = [henk.pk, fatima and fatima.pk]
    pool = list(
        _sitting_on(today)
        .exclude(pk__in=not_standing)
        .exclude(steering_seats__election=third)
        .order_by("pk")
    )
    # S3/S4 (term_suggest), and S1: a term that at least four members can serve in full.
    suggested = term_suggest(start, seats) or 1
    terms = [t for t in range(suggested, 0, -1) if term_keeps_schedule(start, t, seats)]
    term = next((t for t in terms if sum(_covers(m, start, t) for m in pool) >= 4), suggested)
    now = timezone.now()
    current = Election.objects.create(
        title=f"Verkiezing stuurgroep {start.year}",
        seats=seats,
        term_years=term,
        seats_start_on=start,
        nomination_opens_at=now - datetime.timedelta(days=21),
        nomination_closes_at=now - datetime.timedelta(days=7),
        voting_opens_at=now - datetime.timedelta(days=2),
        voting_closes_at=now + datetime.timedelta(days=7),
        opened_by=opener,
    )
    for member in [m for m in pool if _covers(m, start, term)][:4]:
        Candidate.objects.create(election=current, member=member, statement=_statement(rng))
    voters = _sitting_on(today).exclude(pk__in=[fatima and fatima.pk]).order_by("pk")[:9]
    _cast(rng, current, list(current.candidates.all()), voters)
    return added + 1


def _seat(member, role, tasks, start, years, source, election):
    seat = Seat(member=member, role=role, tasks=tasks, starts_on=start, term_years=years,
                source=source, election=election)  # fmt: skip
    end = term_end_for(start, years)
    if member.ended_on and member.ended_on <= end:  # ended_on is its first day not held
        seat.ended_on = max(member.ended_on, start)
        seat.end_reason = SeatEndReason.MEMBERSHIP
    seat.save()
    return seat


def _covers(member, start, years):
    """S1: the member's membership (with a possible extension) covers the seat's term."""
    return seat_outside_membership(member, start, term_end_for(start, years)) is None


def _sitting_on(day):
    return Member.objects.filter(start_date__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )


def _statement(rng):
    return rng.choice(STATEMENTS)


def _cast(rng, election, candidates, voters, favourite=None):
    """The roll and the ballot box as ballot_cast leaves them: the box shuffled (S2)."""
    ballots = []
    for voter in voters:
        VoterRoll.objects.create(election=election, member=voter)
        weights = [3 if c.member == favourite else 1 for c in candidates]
        marks = (
            {favourite_candidate} if (favourite_candidate := _of(candidates, favourite)) else set()
        )
        for _ in range(rng.randint(1, election.seats) - len(marks)):
            marks.add(rng.choices(candidates, weights)[0])
        ballots.append({c.pk for c in marks})
    ballot_box_rewrite(election=election, adding=ballots)


def _of(candidates, member):
    return next((c for c in candidates if member is not None and c.member == member), None)


def _past_election(rng, title, day, *, seats, term, start, candidates, opener, favourite=None):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    election = Election.objects.create(
        title=title,
        seats=seats,
        term_years=term,
        seats_start_on=start,
        nomination_opens_at=moment - datetime.timedelta(days=28),
        nomination_closes_at=moment - datetime.timedelta(days=14),
        voting_opens_at=moment - datetime.timedelta(days=7),
        voting_closes_at=moment,
        opened_by=opener,
    )
    for member in candidates:
        if _covers(member, start, term):  # S1: only who can hold the seat stands
            Candidate.objects.create(election=election, member=member, statement=_statement(rng))
    voters = list(_sitting_on(day).order_by("pk")[:14])
    _cast(rng, election, list(election.candidates.all()), voters, favourite)
    counted = election.candidates.annotate(counted=Count("marks")).select_related("member")
    ranked = sorted(counted, key=lambda c: (-c.counted, c.member.start_date, c.pk))
    for place, candidate in enumerate(ranked):
        candidate.votes = candidate.counted
        candidate.elected = place < seats and candidate.counted > 0
        candidate.save(update_fields=["votes", "elected"])
    election.results_at = moment + datetime.timedelta(hours=1)
    election.save(update_fields=["results_at"])
    return election


def _seat_the_elected(election):
    added = 0
    for candidate in election.candidates.filter(elected=True).select_related("member"):
        _seat(candidate.member, SeatRole.MEMBER, [], election.seats_start_on, election.term_years,
              SeatSource.ELECTED, election)  # fmt: skip
        added += 1
    return added


def _divide_roles(today, henk):
    """S4: the roles and every task of the regulation divided over today's seats."""
    seats = list(
        Seat.objects.filter(starts_on__lte=today, term_end__gte=today, ended_on__isnull=True)
        .exclude(member=henk)
        .order_by("pk")
    )
    Seat.objects.filter(member=henk).update(
        role=SeatRole.CHAIR, tasks=[Task.CHAIRING, Task.CONTACT]
    )
    plan = [
        (SeatRole.SECRETARY, [Task.SECRETARIAT, Task.COUNCIL_AGENDA]),
        (SeatRole.TREASURER, [Task.RELATIONS]),
        (SeatRole.MEMBER, [Task.CONNECTING, Task.MONITORING]),
        (SeatRole.MEMBER, [Task.PARTICIPATION]),
    ]
    for seat, (role, tasks) in zip(seats, plan, strict=False):
        seat.role, seat.tasks = role, tasks
        seat.save(update_fields=["role", "tasks"])
