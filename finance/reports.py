"""Reads for the budget page: a line's basis in words and what the figures assume."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from finance.models import BudgetLine, BudgetYear
from finance.selectors import BudgetSummary, LineFigures
from finance.templatetags.money import format_money
from members.models import Member

Basis = BudgetLine.Basis


def _number(value: Decimal) -> str:
    """A quantity in Dutch notation: 15, 0,66."""
    text = format(value.normalize(), "f") if value == value.to_integral() else f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _count(value) -> int:
    """The plural form's number for a quantity (0,66 counts as "other")."""
    value = Decimal(value)
    return int(value) if value == value.to_integral() else 2


def basis_in_words(line: BudgetLine) -> str:
    """E.g. "6 meetings × € 20 × 50 members"; "Fixed amount" for a fixed line."""
    unit = format_money(line.unit_amount, short=True)
    if line.basis == Basis.PER_MEETING_MEMBER:
        parts = [
            ngettext("%(count)s meeting", "%(count)s meetings", line.assumed_meetings)
            % {"count": line.assumed_meetings},
            unit,
            ngettext("%(count)s member", "%(count)s members", line.assumed_members)
            % {"count": line.assumed_members},
        ]
    elif line.basis == Basis.PER_MEMBER:
        parts = [
            unit,
            ngettext("%(count)s member", "%(count)s members", line.assumed_members)
            % {"count": line.assumed_members},
        ]
    elif line.basis == Basis.PER_TRAJECTORY:
        parts = [
            ngettext(
                "%(count)s advice trajectory", "%(count)s advice trajectories",
                _count(line.quantity),
            ) % {"count": _number(line.quantity)},
            unit,
        ]  # fmt: skip
    elif line.basis == Basis.ENTERED:
        parts = [_number(line.quantity), unit]
    else:
        return _("Fixed amount")
    return " × ".join(parts)


@dataclass
class Assumptions:
    """What the year's figures assume, next to what was true in that year."""

    assumed_members: list[int]
    sitting_members: int
    counted_on: datetime.date
    year_is_over: bool
    rounded: list[LineFigures]
    unallocated: Decimal
    over_budget: bool

    @property
    def shortfall(self) -> Decimal:
        return -self.unallocated if self.over_budget else Decimal("0.00")


def sitting_members_count(*, on: datetime.date) -> int:
    """Members sitting on a day: their term had started and had not run out or ended."""
    return (
        Member.objects.filter(start_date__lte=on, term_end__gte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .count()
    )


def budget_assumptions(summary: BudgetSummary, *, today: datetime.date) -> Assumptions:
    """F2's per-member assumption next to the members of that year.

    A year that is over is compared with the members sitting on its last day (31
    December), the current (or a future) year with the members sitting today: a closed
    2021 budget is not measured against today's group.
    """
    year_end = datetime.date(summary.year.year, 12, 31)
    counted_on = min(today, year_end)
    return Assumptions(
        assumed_members=sorted(summary.assumed_members),
        sitting_members=sitting_members_count(on=counted_on),
        counted_on=counted_on,
        year_is_over=today > year_end,
        rounded=summary.rounded_lines,
        unallocated=summary.unallocated,
        over_budget=summary.over_budget,
    )


def budget_years() -> list[int]:
    return list(BudgetYear.objects.order_by("year").values_list("year", flat=True))
