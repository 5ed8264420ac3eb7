"""The annual report (jaarverslag) and the archive of decisions and minutes (issue 8).

Composed from the apps' selectors; asdg is the roof and reads every app. The report is
public once the steering group published its foreword (steering.AnnualReport), so it
holds only what may be public: aggregate figures, the composition with small groups
suppressed (DESIGN.md §4) and never special-category data (cultural background, lived
experience), the names of steering-group members (public on the about page too) and the
published advices. Every function makes a fixed number of queries, whatever the data.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from advices.impact import Impact, impact_of, impact_per_year
from advices.models import CollegeResponse, Recommendation, Trajectory
from finance.models import BudgetYear
from finance.selectors import budget_summary
from members.composition import AGE_BANDS, age_band, suppressed_cells, table
from members.models import Member
from members.selectors import member_intake, sitting_on
from organisation.house_style import house_stylesheets
from organisation.selectors import organisation_get
from projectgroups.models import Participation, ProjectGroup
from public.selectors import AREAS
from steering.models import (
    AgendaItem,
    AnnualReport,
    Decision,
    Election,
    PlenaryMeeting,
    Seat,
    TrainingActivity,
)
from steering.models.reports import FIRST_REPORT_YEAR
from steering.selectors.governance import seats_overlapping
from steering.selectors.relations import contact_figures

ZERO = Decimal("0.00")
STYLESHEET = "asdg/report.css"


def report_years(today: datetime.date) -> list[int]:
    """The years a report can be made for: from the group's start through this year."""
    return list(range(today.year, FIRST_REPORT_YEAR - 1, -1))


@dataclass(frozen=True)
class Period:
    year: int
    first: datetime.date
    last: datetime.date  # 31 December, or today while the year runs
    complete: bool

    @classmethod
    def of(cls, year: int, today: datetime.date) -> "Period":
        end = datetime.date(year, 12, 31)
        return cls(year, datetime.date(year, 1, 1), min(end, today), today > end)


# --- Members -------------------------------------------------------------------------


def _sitting(start: datetime.date, ended: datetime.date | None, day: datetime.date) -> bool:
    return sitting_on(start=start, ended=ended, day=day)  # the register's one rule


@dataclass
class MemberFigures:
    at_start: int
    at_end: int
    joined: int
    joined_admitted: int  # of `joined`: admitted after applying (M3)
    joined_founders: int  # of `joined`: founding members from a predecessor council (M10)
    left: int
    applications: int
    admitted: int
    areas: list
    ages: list
    # The sitting members on a day, for the turnout of elections: (start, ended) pairs.
    terms: list = field(default_factory=list, repr=False)

    def sitting_on(self, day: datetime.date) -> int:
        return sum(_sitting(start, ended, day) for start, ended in self.terms)


def member_figures(period: Period) -> MemberFigures:
    """Members at the start and end, who joined and left, the applications, and the
    composition at the end of the period by part of the municipality and age band,
    groups under SMALL_GROUP suppressed exactly as on the about page. Who joined and the
    round's applications come from members.selectors.member_intake. Four queries."""
    rows = list(
        Member.objects.values_list("start_date", "ended_on", "date_of_birth", "postcode_area__area")
    )
    areas = dict.fromkeys(AREAS, 0)
    ages = dict.fromkeys(AGE_BANDS, 0)
    for start, ended, born, area in rows:
        if _sitting(start, ended, period.last):
            if area in areas:
                areas[area] += 1
            ages[age_band(born, period.last)] += 1
    eve = period.first - datetime.timedelta(days=1)
    intake = member_intake(year=period.year, until=period.last)
    return MemberFigures(
        # At the start: sitting the day before, so that start + joined − left = end.
        at_start=sum(_sitting(start, ended, eve) for start, ended, *_ in rows),
        at_end=sum(_sitting(start, ended, period.last) for start, ended, *_ in rows),
        joined=intake.joined,
        joined_admitted=intake.joined_admitted,
        joined_founders=intake.joined_founders,
        left=sum(
            ended is not None and period.first <= ended <= period.last for _, ended, *_ in rows
        ),
        applications=intake.applications,
        admitted=intake.admitted,
        areas=table(
            areas,
            AREAS,
            total=sum(areas.values()),
            hidden=suppressed_cells(areas, total_shown=True),
        ),
        ages=table(
            ages,
            AGE_BANDS,
            total=sum(ages.values()),
            hidden=suppressed_cells(ages, total_shown=True),
        ),
        terms=[(start, ended) for start, ended, *_ in rows],
    )


# --- Plenary meetings and decisions (S5, S6) -------------------------------------------


def meetings_held(period: Period) -> list[PlenaryMeeting]:
    """The plenary meetings held in the year, with attendance and decisions (two queries)."""
    return list(
        PlenaryMeeting.objects.filter(
            status=PlenaryMeeting.Status.HELD, starts_at__year=period.year
        )
        .annotate(
            attended_count=Count("invitations", filter=Q(invitations__attended=True)),
            invited_count=Count("invitations"),
        )
        .prefetch_related(Prefetch("decisions", queryset=Decision.objects.order_by("pk")))
        .order_by("starts_at", "pk")
    )


# --- The steering group (S1–S4) --------------------------------------------------------


@dataclass
class SteeringFigures:
    seats: list[Seat]
    joined: list[Seat]
    left: list[Seat]
    elections: list[Election]


def steering_figures(period: Period, members: MemberFigures) -> SteeringFigures:
    """Seats held in the year, who joined and left, and the elections with their turnout."""
    seats = list(
        seats_overlapping(period.first, period.last)
        .select_related("member")
        .order_by("starts_on", "member__last_name", "pk")
    )
    for seat in seats:
        # The last day held: the day before an early end, else the term's last day.
        last_day = seat.ended_on - datetime.timedelta(days=1) if seat.ended_on else seat.term_end
        seat.joined_in_year = seat.starts_on >= period.first
        seat.left_in_year = last_day <= period.last and (
            seat.ended_on is not None or seat.term_end <= period.last
        )
    elections = list(
        Election.objects.filter(voting_closes_at__year=period.year, results_at__isnull=False)
        .annotate(turnout=Count("roll", distinct=True))
        .order_by("voting_closes_at", "pk")
    )
    for election in elections:
        election.electorate = members.sitting_on(timezone.localdate(election.voting_closes_at))
        election.turnout_percent = (
            round(100 * election.turnout / election.electorate) if election.electorate else None
        )
    return SteeringFigures(
        seats=seats,
        joined=[seat for seat in seats if seat.joined_in_year],
        left=[seat for seat in seats if seat.left_in_year],
        elections=elections,
    )


# --- Project groups (P1–P3) -------------------------------------------------------------


def projectgroups_active(period: Period) -> list[ProjectGroup]:
    """Groups of the trajectories received by the end of the year and not dissolved before
    it began, with how many members took part that year (P3: a group may go on monitoring)."""
    took_part = Q(
        participations__status__in=[Participation.Status.CONFIRMED, Participation.Status.LEFT],
        participations__confirmed_on__lte=period.last,
    ) & (Q(participations__left_on__isnull=True) | Q(participations__left_on__gte=period.first))
    return list(
        ProjectGroup.objects.filter(trajectory__received_on__lte=period.last)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=period.first))
        .select_related("trajectory")
        .annotate(member_count=Count("participations", filter=took_part, distinct=True))
        .order_by("name", "pk")
    )


# --- Advices and the college's responses (A1–A5) ----------------------------------------


@dataclass
class AdviceFigures:
    received: int
    adopted: int
    sent: int
    responses: int
    published: list  # (trajectory, Impact): the advices sent this year that are public
    impact: Impact


def advice_figures(period: Period) -> AdviceFigures:
    year = period.year
    counts = Trajectory.objects.aggregate(
        received=Count("pk", filter=Q(received_on__year=year)),
        adopted=Count("pk", filter=Q(adopted_on__year=year)),
        sent=Count("pk", filter=Q(sent_on__year=year)),
    )
    responses = CollegeResponse.objects.filter(received_on__year=year).count()
    published = (
        Trajectory.objects.published()
        .filter(sent_on__year=year)
        .select_related("advice", "college_response")
        .prefetch_related(
            Prefetch(
                "advice__recommendations",
                queryset=Recommendation.objects.order_by("number"),
                to_attr="numbered",
            )
        )
        .order_by("sent_on", "pk")
    )
    impact = next((row for row in impact_per_year() if row.year == year), Impact(year=year))
    return AdviceFigures(
        received=counts["received"],
        adopted=counts["adopted"],
        sent=counts["sent"],
        responses=responses,
        published=[(t, impact_of(t, t.advice.numbered)) for t in published],
        impact=impact,
    )


# --- Training (S8) and finances (F1, F2) ------------------------------------------------


@dataclass
class TrainingFigures:
    activities: list[TrainingActivity]
    participants: int
    cost: Decimal


def training_figures(period: Period) -> TrainingFigures:
    activities = list(
        TrainingActivity.objects.filter(date__year=period.year)
        .annotate(participant_count=Count("participants"))
        .order_by("date", "pk")
    )
    return TrainingFigures(
        activities=activities,
        participants=sum(a.participant_count for a in activities),
        cost=sum((a.cost for a in activities), ZERO),
    )


@dataclass
class FinanceFigures:
    available: Decimal
    budgeted: Decimal
    actual: Decimal
    rows: list  # (name, budget, actual, remaining)

    @property
    def remaining(self) -> Decimal:
        return self.budgeted - self.actual


def finance_figures(period: Period) -> FinanceFigures | None:
    """Budget against actuals per line (finance.selectors.budget_summary); None without a
    budget for the year."""
    try:
        summary = budget_summary(year=period.year)
    except BudgetYear.DoesNotExist:
        return None
    rows = [(f.line.name, f.budget, f.actual, f.budget - f.actual) for f in summary.lines]
    return FinanceFigures(
        available=summary.available,
        budgeted=summary.budgeted,
        actual=sum((f.actual for f in summary.lines), ZERO),
        rows=rows,
    )


# --- The report ------------------------------------------------------------------------


def annual_report(*, year: int, today: datetime.date) -> dict:
    """Everything the report of `year` shows, as a template context."""
    period = Period.of(year, today)
    members = member_figures(period)
    meetings = meetings_held(period)
    decisions = [decision for meeting in meetings for decision in meeting.decisions.all()]
    training = training_figures(period)
    finance = finance_figures(period)
    return {
        "year": year,
        "period": period,
        "foreword": AnnualReport.objects.filter(year=year).select_related("written_by").first(),
        "organisation": organisation_get(),
        "members": members,
        "meetings": meetings,
        "decision_count": len(decisions),
        "decisions_adopted": sum(decision.adopted for decision in decisions),
        "steering": steering_figures(period, members),
        "projectgroups": projectgroups_active(period),
        "advices": advice_figures(period),
        "training": training,
        # Issue 23.5: counts per kind of organisation, no names of persons.
        "contacts": contact_figures(period.first, period.last),
        "finance": finance,
        "generated_on": today,
    }


def _pdf(template: str, context: dict) -> bytes:
    """A tagged PDF (PDF/UA-1) in house style, in the reader's language."""
    from weasyprint import HTML

    context = {**context, "language": translation.get_language() or "nl"}
    html = render_to_string(template, context)
    return HTML(string=html).write_pdf(
        stylesheets=house_stylesheets(STYLESHEET),
        pdf_variant="pdf/ua-1",
        pdf_tags=True,
    )


def annual_report_pdf(context: dict) -> bytes:
    return _pdf("asdg/report/pdf/report.html", context)


# --- The archive: the year's decisions and minutes --------------------------------------


def archive_meetings(*, year: int) -> list[PlenaryMeeting]:
    """Every plenary meeting of the year in order, with its agenda, the meeting that
    approved its minutes, and its decisions (three queries)."""
    return list(
        PlenaryMeeting.objects.filter(starts_at__year=year)
        .select_related("minutes_approved_at")
        .prefetch_related(
            Prefetch("agenda", queryset=AgendaItem.objects.order_by("position", "pk")),
            Prefetch("decisions", queryset=Decision.objects.order_by("pk")),
        )
        .order_by("starts_at", "pk")
    )


def archive_pdf(*, year: int, today: datetime.date) -> bytes:
    meetings = archive_meetings(year=year)
    decisions = defaultdict(int)
    for meeting in meetings:
        for decision in meeting.decisions.all():
            decisions["total"] += 1
            decisions["adopted"] += decision.adopted
    context = {
        "year": year,
        "meetings": meetings,
        "decision_count": decisions["total"],
        "decisions_adopted": decisions["adopted"],
        "organisation": organisation_get(),
        "generated_on": today,
    }
    return _pdf("asdg/report/pdf/archive.html", context)
