"""Reads of the budget: totals, what the figures assume, and actuals per line."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from finance.models import BudgetLine, BudgetYear


@dataclass
class LineFigures:
    line: BudgetLine
    formula: Decimal | None
    budget: Decimal
    difference: Decimal
    actual: Decimal


@dataclass
class BudgetSummary:
    year: BudgetYear
    available: Decimal
    budgeted: Decimal
    lines: list[LineFigures]

    @property
    def unallocated(self) -> Decimal:
        return self.available - self.budgeted

    @property
    def over_budget(self) -> bool:
        """The budget exceeds what is available (F1 against F2)."""
        return self.budgeted > self.available

    @property
    def assumed_members(self) -> set[int]:
        return {f.line.assumed_members for f in self.lines if f.line.assumed_members}

    @property
    def rounded_lines(self) -> list[LineFigures]:
        return [f for f in self.lines if f.difference]


def line_figures(*, year: int) -> list[LineFigures]:
    """F2: each budget line of `year` with what it budgets and what was booked; one query
    (no lines when the year has no budget)."""
    lines = (
        BudgetLine.objects.filter(budget_year__year=year)
        .annotate(actual=Sum("bookings__amount"))
        .order_by("position")
    )
    return [
        LineFigures(
            line=line,
            formula=line.formula_amount,
            budget=line.budget_amount,
            difference=line.difference,
            actual=line.actual or Decimal("0.00"),
        )
        for line in lines
    ]


def budget_summary(*, year: int) -> BudgetSummary:
    """F1/F2 for one year in three queries: sources, lines with their actuals."""
    budget_year = BudgetYear.objects.get(year=year)
    available = budget_year.sources.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
    figures = line_figures(year=year)
    budgeted = sum((f.budget for f in figures), Decimal("0.00"))
    return BudgetSummary(year=budget_year, available=available, budgeted=budgeted, lines=figures)
