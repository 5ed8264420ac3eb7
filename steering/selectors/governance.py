"""Seats, elections and the retirement schedule (S1–S4)."""

import datetime
from calendar import monthrange
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from members.models import Member
from steering.models import Candidate, Election, Seat, Task, VoterRoll
from steering.models.seats import MAX_SEATS, MAX_SEATS_ENDING_PER_YEAR

# S4: seats whose term ends within this many days are flagged on the schedule.
ENDING_SOON_DAYS = 92  # about 3 months


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February (as PostgreSQL does)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, the last day of the month where it has fewer days."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def membership_latest_end(member: Member) -> datetime.date:
    """S1 with M7: the last day a membership can run: its term with the extension granted,
    or, while none was granted, with the one extension of at most a year still possible
    (as the trigger s1_seat_within_membership computes it)."""
    months = member.term_years * 12 + (member.extension_months or 12)
    return add_months(member.start_date, months) - datetime.timedelta(days=1)


def seat_outside_membership(
    member: Member, starts_on: datetime.date, last_day: datetime.date
) -> dict[str, str] | None:
    """S1/S2: which field puts a seat from `starts_on` through `last_day` outside the
    member's membership, with the message; None when it lies within."""
    if starts_on < member.start_date:
        return {
            "starts_on": _(
                # S1
                "%(member)s is a member from %(start)s; a seat cannot start before that."
            )
            % {"member": member, "start": date_format(member.start_date)}
        }
    latest = membership_latest_end(member)
    if last_day > latest:
        return {
            "term_years": _(
                # S1
                "This term runs to %(end)s, past the membership of %(member)s (at the latest "
                "%(latest)s, with an extension); choose a shorter term."
            )
            % {
                "end": date_format(last_day),
                "member": member,
                "latest": date_format(latest),
            }
        }
    return None


def term_end_for(starts_on: datetime.date, term_years: int) -> datetime.date:
    """The last day of a seat's term (as Seat.term_end computes it)."""
    return add_years(starts_on, term_years) - datetime.timedelta(days=1)


def candidacy_refusal(election: Election, member: Member) -> str | None:
    """Why a sitting member cannot stand in `election` (S1/S2, M5), or None when they can.

    The one answer to "may this member stand?": the election page offers the nomination
    form only when this is None and says why otherwise; candidate_nominate refuses with
    the same reason (and stays the authority, under the election's lock).
    """
    if member.is_marked_to_end:
        return _("Your membership is ending, so you cannot stand for the steering group.")
    last_day = term_end_for(election.seats_start_on, election.term_years)
    if seat_outside_membership(member, election.seats_start_on, last_day):
        return _(
            "The seats of this election run until %(end)s, past your membership "
            "(extension included), so you cannot stand in it."
        ) % {"end": date_format(last_day)}
    return None


def seats_held_on(day: datetime.date | None = None) -> QuerySet[Seat]:
    """The seats held on a day: started, within their term, not ended early (S1)."""
    day = day or timezone.localdate()
    return (
        Seat.objects.filter(starts_on__lte=day, term_end__gte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        .select_related("member")
    )


def seats_overlapping(first: datetime.date, last: datetime.date) -> QuerySet[Seat]:
    """Seats held on at least one day from `first` through `last`."""
    return Seat.objects.filter(starts_on__lte=last, term_end__gte=first).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=first)
    )


def most_seats_held(first: datetime.date, last: datetime.date) -> int:
    """S1: the largest number of seats held on one day from `first` through `last`.

    The count only rises on a day a seat starts, so checking `first` and every start
    inside the period finds the maximum.
    """
    seats = list(seats_overlapping(first, last))
    days = {first} | {seat.starts_on for seat in seats if first < seat.starts_on <= last}
    return max((sum(seat.is_held_on(day) for seat in seats) for day in days), default=0)


def seats_ending_per_year() -> Counter:
    """S4: how many seats (not ended early) end their term in each year."""
    years = Seat.objects.filter(ended_on__isnull=True).values_list("term_end__year", flat=True)
    return Counter(years)


def term_keeps_schedule(starts_on: datetime.date, term_years: int, seats: int = 1) -> bool:
    """S4: `seats` new seats of this term leave at most half of the seats ending in one year."""
    year = term_end_for(starts_on, term_years).year
    return seats_ending_per_year()[year] + seats <= MAX_SEATS_ENDING_PER_YEAR


def term_suggest(starts_on: datetime.date, seats: int = 1) -> int | None:
    """S3/S4: a term of 1–4 years for new seats that keeps the retirement schedule.

    Prefers the year in which the fewest seats end (so that retirements are spread),
    then the longest term; None when no term of 1–4 years keeps the rule.
    """
    ending = seats_ending_per_year()
    options = [
        (ending[term_end_for(starts_on, years).year], -years, years)
        for years in range(1, 5)
        if ending[term_end_for(starts_on, years).year] + seats <= MAX_SEATS_ENDING_PER_YEAR
    ]
    return min(options)[2] if options else None


def free_seats_on(day: datetime.date, *, exclude_election: Election | None = None) -> int:
    """S1: seats free on a day, less those that elections without results will fill."""
    pending = Election.objects.filter(results_at__isnull=True)
    if exclude_election is not None:
        pending = pending.exclude(pk=exclude_election.pk)
    promised = sum(pending.values_list("seats", flat=True))
    return max(MAX_SEATS - seats_held_on(day).count() - promised, 0)


# --- The retirement schedule (S4) ------------------------------------------------------


@dataclass
class ScheduleRow:
    seat: Seat
    ending_soon: bool
    # Geometry of the timeline bar, in SVG user units (attributes, never style=).
    bar_x: int = 0
    bar_y: int = 0
    bar_width: int = 0
    tasks: list[str] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.seat.term_end.year


@dataclass
class Schedule:
    rows: list[ScheduleRow]
    years: list[int]
    ending_per_year: dict[int, int]
    today_x: int
    width: int
    height: int
    year_marks: list[tuple[int, int]]
    suggested_term: int | None
    next_start: datetime.date

    @property
    def ending_soon(self) -> list[ScheduleRow]:
        return [row for row in self.rows if row.ending_soon]


TIMELINE_YEAR_WIDTH = 120
TIMELINE_ROW_HEIGHT = 26
TIMELINE_TOP = 24


def retirement_schedule(today: datetime.date | None = None) -> Schedule:
    """S4: the rooster van aftreden — the seats held now or later, by end of term.

    Each row carries the seat's member, role, tasks, start, end of term and the year it
    ends; seats ending within about 3 months are flagged. A term suggestion for a new
    seat starting the day after the first of them ends comes along.
    """
    today = today or timezone.localdate()
    seats = list(
        Seat.objects.filter(term_end__gte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .select_related("member")
        .order_by("term_end", "starts_on", "member__last_name", "pk")
    )
    first_year = min([today.year, *(seat.starts_on.year for seat in seats)])
    last_year = max([today.year + 1, *(seat.term_end.year for seat in seats)])
    years = list(range(first_year, last_year + 1))
    origin = datetime.date(first_year, 1, 1)

    def x(day: datetime.date) -> int:
        return round((day - origin).days / 365.25 * TIMELINE_YEAR_WIDTH)

    soon = today + datetime.timedelta(days=ENDING_SOON_DAYS)
    task_labels = dict(Task.choices)
    rows = []
    for index, seat in enumerate(seats):
        start, end = x(seat.starts_on), x(seat.term_end + datetime.timedelta(days=1))
        rows.append(
            ScheduleRow(
                seat=seat,
                ending_soon=seat.term_end <= soon,
                bar_x=start,
                bar_y=TIMELINE_TOP + index * TIMELINE_ROW_HEIGHT,
                bar_width=max(end - start, 2),
                tasks=[task_labels.get(task, task) for task in seat.tasks],
            )
        )
    ending = Counter(row.year for row in rows)
    next_start = (
        min(row.seat.term_end for row in rows if row.ending_soon) + datetime.timedelta(days=1)
        if any(row.ending_soon for row in rows)
        else today
    )
    return Schedule(
        rows=rows,
        years=years,
        ending_per_year=dict(sorted(ending.items())),
        today_x=x(today),
        width=len(years) * TIMELINE_YEAR_WIDTH,
        height=TIMELINE_TOP + len(rows) * TIMELINE_ROW_HEIGHT + 4,
        year_marks=[(year, index * TIMELINE_YEAR_WIDTH) for index, year in enumerate(years)],
        suggested_term=term_suggest(next_start),
        next_start=next_start,
    )


def task_division(today: datetime.date | None = None) -> list[tuple[str, str, list[Seat]]]:
    """S4: every task of the regulation with the seats (members) that hold it today."""
    seats = list(seats_held_on(today).order_by("member__last_name", "pk"))
    return [
        (value, label, [seat for seat in seats if value in seat.tasks])
        for value, label in Task.choices
    ]


def seat_of(member: Member | None, today: datetime.date | None = None) -> Seat | None:
    """The seat a member holds today, if any."""
    if member is None:
        return None
    return seats_held_on(today).filter(member=member).first()


# --- Elections --------------------------------------------------------------------------


def elections_for(member: Member | None) -> QuerySet[Election]:
    """Elections with their counts, and whether `member` voted / stands (one query)."""
    elections = Election.objects.annotate(
        candidate_count=Count(
            "candidates", filter=Q(candidates__withdrawn_at__isnull=True), distinct=True
        ),
        turnout=Count("roll", distinct=True),
    )
    if member is None:
        return elections.annotate(
            has_voted=Exists(VoterRoll.objects.none()),
            is_candidate=Exists(Candidate.objects.none()),
        )
    return elections.annotate(
        has_voted=Exists(VoterRoll.objects.filter(election=OuterRef("pk"), member=member)),
        is_candidate=Exists(
            Candidate.objects.filter(
                election=OuterRef("pk"), member=member, withdrawn_at__isnull=True
            )
        ),
    )


def election_phase(election: Election, now: datetime.datetime | None = None) -> str:
    """One of: upcoming, nomination, between, voting, counting, closed."""
    now = now or timezone.now()
    if election.results_at is not None:
        return "closed"
    if now < election.nomination_opens_at:
        return "upcoming"
    if now < election.nomination_closes_at:
        return "nomination"
    if now < election.voting_opens_at:
        return "between"
    if now < election.voting_closes_at:
        return "voting"
    return "counting"


def electorate_size(election: Election) -> int:
    """The sitting members on the day voting closed: the base of the turnout."""
    day = timezone.localdate(election.voting_closes_at)
    return (
        Member.objects.filter(start_date__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        .count()
    )


def election_results(election: Election) -> list[Candidate]:
    """The counted candidates, most votes first (never who voted for whom)."""
    return list(
        election.candidates.filter(withdrawn_at__isnull=True)
        .select_related("member")
        .order_by("-elected", "-votes", "member__last_name", "member__first_name", "pk")
    )
