"""Reads of expense claims (M9): a member's own claims, the allowance, what awaits a decision."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from finance.models import BudgetLine, ExpenseClaim

ZERO = Decimal("0.00")


def expense_line(*, year: int) -> BudgetLine | None:
    """The year's expense-allowance line, where approved claims are booked."""
    return (
        BudgetLine.objects.select_related("budget_year")
        .filter(budget_year__year=year, kind=BudgetLine.Kind.EXPENSES)
        .order_by("position", "pk")
        .first()
    )


@dataclass
class Allowance:
    """M9: a member's yearly allowance (the expense line's per-member amount)."""

    year: int
    per_member: Decimal | None  # None: the year's line has no per-member amount
    approved: Decimal

    @property
    def left(self) -> Decimal | None:
        return None if self.per_member is None else self.per_member - self.approved

    def exceeded_by(self, amount: Decimal) -> bool:
        return self.left is not None and amount > self.left


def claim_allowance(*, member, year: int, line: BudgetLine | None = None) -> Allowance:
    line = line or expense_line(year=year)
    per_member = None
    if line is not None and line.basis == BudgetLine.Basis.PER_MEMBER:
        per_member = line.unit_amount
    approved = ExpenseClaim.objects.filter(
        member=member, date__year=year, status=ExpenseClaim.Status.APPROVED
    ).aggregate(total=Sum("amount"))["total"]
    return Allowance(year=year, per_member=per_member, approved=approved or ZERO)


def claims_of_member(*, member) -> QuerySet[ExpenseClaim]:
    return ExpenseClaim.objects.filter(member=member).order_by("-date", "-pk")


def claims_awaiting_decision() -> QuerySet[ExpenseClaim]:
    """Oldest first, with the member: the secretariat's queue."""
    return (
        ExpenseClaim.objects.filter(status=ExpenseClaim.Status.SUBMITTED)
        .select_related("member")
        .order_by("submitted_at", "pk")
    )


@dataclass
class ReviewRow:
    claim: ExpenseClaim
    allowance: Allowance


def review_rows() -> list[ReviewRow]:
    """The claims awaiting a decision, each with its member's allowance now, in three
    queries however many claims wait."""
    claims = list(claims_awaiting_decision())
    years = {claim.date.year for claim in claims}
    lines = {
        line.budget_year.year: line
        for line in BudgetLine.objects.select_related("budget_year")
        .filter(budget_year__year__in=years, kind=BudgetLine.Kind.EXPENSES)
        .order_by("-position", "-pk")
    }
    approved = {
        (row["member_id"], row["date__year"]): row["total"]
        for row in ExpenseClaim.objects.filter(
            status=ExpenseClaim.Status.APPROVED,
            member__in={claim.member_id for claim in claims},
            date__year__in=years,
        )
        .values("member_id", "date__year")
        .annotate(total=Sum("amount"))
    }
    rows = []
    for claim in claims:
        year = claim.date.year
        line = lines.get(year)
        per_member = (
            line.unit_amount if line and line.basis == BudgetLine.Basis.PER_MEMBER else None
        )
        allowance = Allowance(
            year=year,
            per_member=per_member,
            approved=approved.get((claim.member_id, year)) or ZERO,
        )
        rows.append(ReviewRow(claim=claim, allowance=allowance))
    return rows
