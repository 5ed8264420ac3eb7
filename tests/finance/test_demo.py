"""Demo data for finance: budgets 2021 to now, realistic bookings, claims in every state."""

from collections import Counter

import pytest
from django.utils import timezone

from demo.finance import seed_finance
from finance.models import Booking, BudgetYear, ExpenseClaim
from finance.selectors import budget_summary

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_seed_finance_after_seed_demo(demo):
    """The demo (seed_demo, which calls seed_finance last; loaded from the run's snapshot)."""
    today = timezone.localdate()
    years = list(BudgetYear.objects.order_by("year").values_list("year", "closed"))
    assert [y for y, _closed in years] == list(range(2021, today.year + 1))
    assert all(closed for year, closed in years if year < today.year)
    assert not dict(years)[today.year]
    guideline = budget_summary(year=2021)
    assert guideline.budgeted == 120000 and guideline.available == 129500
    for year in range(2021, today.year):
        summary = budget_summary(year=year)
        actual = sum(f.actual for f in summary.lines)
        assert summary.budgeted / 2 < actual, year  # realistic: most of the budget is spent
        assert Booking.objects.filter(line__budget_year__year=year, source="claim").exists()
    states = Counter(ExpenseClaim.objects.values_list("status", flat=True))
    assert set(states) == {"submitted", "approved", "rejected", "withdrawn"}
    assert ExpenseClaim.objects.filter(over_allowance=True, status="approved").exists()
    fatima = ExpenseClaim.objects.filter(member__email="lid@example.org")
    assert {c.status for c in fatima} == {"submitted", "approved", "rejected", "withdrawn"}
    for claim in ExpenseClaim.objects.filter(status="approved"):
        assert claim.booking.source_key == f"claim:{claim.pk}"
    # Idempotent: a second run adds nothing.
    bookings, claims = Booking.objects.count(), ExpenseClaim.objects.count()
    assert seed_finance(today) == 0
    assert (Booking.objects.count(), ExpenseClaim.objects.count()) == (bookings, claims)
