"""The expense claims' constraints (M9), each violated once (tests/asdg/test_constraints.py)."""

import datetime
from decimal import Decimal

from finance.models import Booking, BudgetYear
from tests.finance.factories import ExpenseClaimFactory
from tests.members.factories import secretary


def _booking():
    line = BudgetYear.objects.get_or_create(year=2021)[0].lines.get_or_create(
        name="Onkosten", defaults={"basis": "fixed", "stated_amount": Decimal("100.00")}
    )[0]
    return Booking.objects.create(
        line=line, date=datetime.date(2021, 3, 1), amount=Decimal("5.00"), description="x"
    )


VIOLATIONS = {
    "m9_claim_amount_positive": lambda: ExpenseClaimFactory(amount=Decimal("0.00")),
    "m9_rejected_claim_has_a_reason": lambda: ExpenseClaimFactory(
        status="rejected", decided_by=secretary(), decided_at=datetime.datetime.now(datetime.UTC)
    ),
    "m9_decided_claim_has_who_and_when": lambda: ExpenseClaimFactory(
        status="rejected", reason="Geen bon"
    ),
    "m9_approved_claim_is_booked": lambda: ExpenseClaimFactory(
        status="approved", decided_by=secretary(), decided_at=datetime.datetime.now(datetime.UTC)
    ),
}


def _approved(booking):
    return ExpenseClaimFactory(
        status="approved",
        booking=booking,
        decided_by=secretary(),
        decided_at=datetime.datetime.now(datetime.UTC),
    )


UNIQUE_FIELDS = {
    "finance.ExpenseClaim.booking": lambda: (lambda booking: [_approved(booking) for _ in "12"])(
        _booking()
    ),
}
