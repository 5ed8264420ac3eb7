"""F1, F2 and the books: the 2021 budget of the guideline, formulas, bookings."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from finance.models import FORMULA_NEEDS, Booking, BudgetLine, BudgetYear
from finance.selectors import budget_summary
from finance.services import booking_add, booking_correct
from tests.members.factories import secretary

pytestmark = pytest.mark.django_db


def test_f1_f2_budget_2021_is_the_guidelines_exactly():
    summary = budget_summary(year=2021)
    assert summary.available == Decimal("129500.00")
    assert [s.amount for s in summary.year.sources.order_by("amount")] == [
        Decimal("4500.00"), Decimal("5000.00"), Decimal("120000.00"),
    ]  # fmt: skip
    assert len(summary.lines) == 9
    assert summary.budgeted == Decimal("120000.00")
    assert summary.unallocated == Decimal("9500.00")
    assert not summary.over_budget
    support = next(f for f in summary.lines if f.line.kind == "support")
    assert (support.formula, support.budget, support.difference) == (
        Decimal("52800.00"), Decimal("53000.00"), Decimal("200.00"),
    )  # fmt: skip
    assert summary.assumed_members == {50}
    assert [f.line.kind for f in summary.rounded_lines] == ["support"]
    amounts = {f.line.kind: f.budget for f in summary.lines if f.line.kind != "other"}
    assert amounts == {
        "plenary": Decimal("6000.00"),
        "trajectories": Decimal("4500.00"),
        "training": Decimal("5000.00"),
        "expenses": Decimal("2500.00"),
        "support": Decimal("53000.00"),
    }


def test_f2_formulas_with_other_counts():
    line = BudgetLine.objects.get(budget_year__year=2021, kind="plenary")
    assert line.formula_with(members=40, meetings=4, quantity=None) == Decimal("3200.00")
    training = BudgetLine.objects.get(budget_year__year=2021, kind="training")
    assert training.formula_with(members=42, meetings=None, quantity=None) == Decimal("4200.00")


def test_f2_a_budget_over_the_available_money_is_flagged():
    year = BudgetYear.objects.create(year=2030)
    year.sources.create(name="Gemeente", amount=Decimal("1000.00"))
    year.lines.create(name="Website", basis="fixed", stated_amount=Decimal("1500.00"))
    summary = budget_summary(year=2030)
    assert summary.over_budget and summary.unallocated == Decimal("-500.00")


def test_f2_line_without_what_its_formula_needs_is_refused_by_the_database():
    year = BudgetYear.objects.create(year=2030)
    with pytest.raises(IntegrityError), transaction.atomic():
        year.lines.create(name="Per lid", basis="per_member", unit_amount=Decimal("10"))


COMPLETE = {
    "stated_amount": Decimal("100"),
    "unit_amount": Decimal("10"),
    "assumed_members": 40,
    "assumed_meetings": 6,
    "quantity": Decimal("2"),
}


@pytest.mark.parametrize(
    ("basis", "needed"), [(basis, name) for basis, names in FORMULA_NEEDS.items() for name in names]
)
def test_f2_the_form_check_and_the_database_ask_the_same_of_each_basis(basis, needed):
    # BudgetLine.clean() names the missing field on it; the constraint refuses the row.
    year = BudgetYear.objects.create(year=2030)
    fields = {name: value for name, value in COMPLETE.items() if name in FORMULA_NEEDS[basis]}
    line = BudgetLine(budget_year=year, name="Regel", kind="other", basis=basis, **fields)
    line.full_clean()  # complete: accepted by both
    setattr(line, needed, None)
    with pytest.raises(ValidationError) as refused:
        line.full_clean()
    assert refused.value.message_dict == {needed: ["Nodig bij deze grondslag."]}
    with pytest.raises(IntegrityError), transaction.atomic():
        line.save()


def _line(kind="expenses", year=2021):
    return BudgetLine.objects.get(budget_year__year=year, kind=kind)


def test_bookings_count_as_actuals_and_rounding_is_decimal():
    booking_add(
        line=_line(), date=datetime.date(2021, 3, 1), amount=Decimal("12.345"),
        description="Reiskosten", by=secretary(),
    )  # fmt: skip
    figures = next(f for f in budget_summary(year=2021).lines if f.line.kind == "expenses")
    assert figures.actual == Decimal("12.35")
    with pytest.raises(TypeError):
        booking_add(
            line=_line(), date=datetime.date(2021, 3, 1), amount=12.5, description="x", by=None
        )


def test_a_source_books_once_however_often_it_runs():
    first, created = booking_add(
        line=_line("trajectories"), date=datetime.date(2021, 4, 1), amount=Decimal("300"),
        description="Traject gestart", by=None, source="trajectory", source_key="trajectory:7",
    )  # fmt: skip
    again, created_again = booking_add(
        line=_line("trajectories"), date=datetime.date(2021, 4, 1), amount=Decimal("300"),
        description="Traject gestart", by=None, source="trajectory", source_key="trajectory:7",
    )  # fmt: skip
    assert created and not created_again and first == again
    assert Booking.objects.count() == 1


def test_corrections_are_new_bookings_and_booked_amounts_never_change():
    booking, _ = booking_add(
        line=_line(), date=datetime.date(2021, 5, 1), amount=Decimal("40.00"),
        description="Parkeren", by=secretary(),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        booking_correct(booking=booking, amount=Decimal("-10"), reason=" ", by=secretary(),
                        date=datetime.date(2021, 5, 2))  # fmt: skip
    correction = booking_correct(
        booking=booking, amount=Decimal("-10.00"), reason="Te veel gedeclareerd",
        by=secretary(), date=datetime.date(2021, 5, 2),
    )  # fmt: skip
    assert correction.corrects == booking and correction.source == "correction"
    figures = next(f for f in budget_summary(year=2021).lines if f.line.kind == "expenses")
    assert figures.actual == Decimal("30.00")
    with pytest.raises(IntegrityError, match="finance_booking_immutable"), transaction.atomic():
        Booking.objects.filter(pk=booking.pk).update(amount=Decimal("1.00"))
    with pytest.raises(IntegrityError, match="finance_booking_immutable"), transaction.atomic():
        Booking.objects.filter(pk=correction.pk).delete()


def test_a_closed_year_takes_no_new_bookings():
    BudgetYear.objects.filter(year=2021).update(closed=True)
    with pytest.raises(ValidationError, match="2021"):
        booking_add(
            line=_line(), date=datetime.date(2021, 6, 1), amount=Decimal("5"),
            description="Te laat", by=secretary(),
        )  # fmt: skip
    assert not Booking.objects.exists()


def test_a_booking_is_dated_in_its_budget_year():
    with pytest.raises(ValidationError):
        booking_add(
            line=_line(), date=datetime.date(2022, 1, 2), amount=Decimal("5"),
            description="Verkeerd jaar", by=secretary(),
        )  # fmt: skip
