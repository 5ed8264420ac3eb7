"""The forecast: each formula line recomputed with the year's real counts (F2).

Per-member lines count the members who sit in the year; the plenary line counts the
meetings held and still planned (not cancelled) in the year; the trajectory line the
trajectories received in the year (not withdrawn). A line with an entered quantity or a
fixed amount keeps its budget. No projection falls below what is already booked: money
spent is spent.

While a year has no plenary meeting recorded at all, the plenary line keeps the meetings
its budget assumes (marked as assumed), rather than forecasting no meetings.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from advices.models import Status as TrajectoryStatus
from advices.models import Trajectory
from finance.models import BudgetLine
from finance.selectors.budget import BudgetSummary, budget_summary
from members.models import Member
from steering.models import PlenaryMeeting

Basis = BudgetLine.Basis
ZERO = Decimal("0.00")


@dataclass
class YearCounts:
    """What the system knows about the year: the quantities of the formulas."""

    members: int
    meetings_held: int
    meetings_planned: int
    trajectories: int

    @property
    def meetings(self) -> int:
        return self.meetings_held + self.meetings_planned


def year_counts(*, year: int) -> YearCounts:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    members = Member.objects.filter(start_date__lte=last).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=first)
    )
    meetings = PlenaryMeeting.objects.filter(starts_at__year=year).aggregate(
        held=Count("pk", filter=Q(status=PlenaryMeeting.Status.HELD)),
        planned=Count("pk", filter=Q(status=PlenaryMeeting.Status.PLANNED)),
    )
    trajectories = (
        Trajectory.objects.filter(received_on__year=year)
        .exclude(status=TrajectoryStatus.WITHDRAWN)
        .count()
    )
    return YearCounts(
        members=members.count(),
        meetings_held=meetings["held"],
        meetings_planned=meetings["planned"],
        trajectories=trajectories,
    )


@dataclass
class ForecastLine:
    line: BudgetLine
    budget: Decimal
    actual: Decimal
    recomputed: Decimal | None  # the formula with this year's counts; None: fixed/entered
    projected: Decimal
    meetings_assumed: bool = False

    @property
    def difference(self) -> Decimal:
        """Projected minus budget: above zero is overspending, below zero underspending."""
        return self.projected - self.budget

    @property
    def overspend(self) -> bool:
        return self.difference > 0


@dataclass
class Forecast:
    summary: BudgetSummary
    counts: YearCounts
    lines: list[ForecastLine]

    @property
    def budget(self) -> Decimal:
        return sum((f.budget for f in self.lines), ZERO)

    @property
    def actual(self) -> Decimal:
        return sum((f.actual for f in self.lines), ZERO)

    @property
    def projected(self) -> Decimal:
        return sum((f.projected for f in self.lines), ZERO)

    @property
    def difference(self) -> Decimal:
        return self.projected - self.budget

    @property
    def projected_unallocated(self) -> Decimal:
        """What is left of the available money if the forecast comes true."""
        return self.summary.available - self.projected


def _recompute(line: BudgetLine, counts: YearCounts) -> tuple[Decimal | None, bool]:
    if line.basis == Basis.PER_MEMBER:
        return line.formula_with(members=counts.members, meetings=None, quantity=None), False
    if line.basis == Basis.PER_MEETING_MEMBER:
        assumed = counts.meetings == 0
        meetings = line.assumed_meetings if assumed else counts.meetings
        return line.formula_with(members=counts.members, meetings=meetings, quantity=None), assumed
    if line.basis == Basis.PER_TRAJECTORY:
        return line.formula_with(members=None, meetings=None, quantity=counts.trajectories), False
    return None, False


def budget_forecast(*, year: int) -> Forecast:
    """The year's forecast per line and in total (raises BudgetYear.DoesNotExist)."""
    summary = budget_summary(year=year)
    counts = year_counts(year=year)
    lines = []
    for figures in summary.lines:
        recomputed, assumed = _recompute(figures.line, counts)
        base = figures.budget if recomputed is None else recomputed
        lines.append(
            ForecastLine(
                line=figures.line,
                budget=figures.budget,
                actual=figures.actual,
                recomputed=recomputed,
                projected=max(base, figures.actual),
                meetings_assumed=assumed,
            )
        )
    return Forecast(summary=summary, counts=counts, lines=lines)
