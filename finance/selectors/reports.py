"""Reads of the reports: budget against actuals over the years (F1, F2)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from finance.models import BudgetLine, BudgetYear, FundingSource

ZERO = Decimal("0.00")


@dataclass
class YearColumn:
    year: int
    closed: bool
    available: Decimal = ZERO
    budgeted: Decimal = ZERO
    actual: Decimal = ZERO

    @property
    def remaining(self) -> Decimal:
        return self.budgeted - self.actual


@dataclass
class ComparisonRow:
    """One line's name over the years: (budget, actual) per year, None where absent."""

    name: str
    cells: list[tuple[Decimal, Decimal] | None] = field(default_factory=list)


@dataclass
class Comparison:
    years: list[YearColumn]
    rows: list[ComparisonRow]


def years_comparison() -> Comparison:
    """Every budget year side by side, lines matched by name, in three queries."""
    years = [YearColumn(year=y.year, closed=y.closed) for y in BudgetYear.objects.order_by("year")]
    index = {column.year: i for i, column in enumerate(years)}
    available = FundingSource.objects.values("budget_year__year").annotate(total=Sum("amount"))
    for row in available:
        years[index[row["budget_year__year"]]].available = row["total"] or ZERO
    lines = (
        BudgetLine.objects.select_related("budget_year")
        .annotate(actual=Sum("bookings__amount"))
        .order_by("-budget_year__year", "position", "pk")
    )
    by_name: dict[str, list] = defaultdict(lambda: [None] * len(years))
    for line in lines:
        i = index[line.budget_year.year]
        budget, actual = line.budget_amount or ZERO, line.actual or ZERO
        years[i].budgeted += budget
        years[i].actual += actual
        previous = by_name[line.name][i]
        if previous is not None:  # two lines of one name in a year: add them up
            budget, actual = budget + previous[0], actual + previous[1]
        by_name[line.name][i] = (budget, actual)
    rows = [ComparisonRow(name=name, cells=cells) for name, cells in by_name.items()]
    return Comparison(years=years, rows=rows)
