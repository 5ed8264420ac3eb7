"""Finance in the admin: budget years, bookings through the service, corrections."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from finance.models import Booking, BudgetLine, BudgetYear
from finance.services import booking_add

pytestmark = pytest.mark.django_db

ADD = reverse("admin:finance_booking_add")
CHANGELIST = reverse("admin:finance_booking_changelist")


def _line(kind="expenses"):
    return BudgetLine.objects.get(budget_year__year=2021, kind=kind)


def _form(**overrides):
    return {
        "line": _line().pk,
        "date": "2021-03-01",
        "amount": "12,50",
        "description": "Reiskosten plenaire vergadering",
        "counterparty": "Arriva",
        **overrides,
    }


def test_budget_year_change_page_shows_lines_with_formula_and_difference(secretariat_client):
    year = BudgetYear.objects.get(year=2021)
    content = secretariat_client.get(
        reverse("admin:finance_budgetyear_change", args=[year.pk])
    ).content.decode()
    assert "€ 129.500,00" in content and "€ 120.000,00" in content and "€ 9.500,00" in content
    assert "€ 52.800,00" in content and "€ 200,00" in content
    assert "Externe ondersteuning" in content


def test_steering_group_reads_but_does_not_edit(steering_client):
    year = BudgetYear.objects.get(year=2021)
    url = reverse("admin:finance_budgetyear_change", args=[year.pk])
    assert steering_client.get(url).status_code == 200
    assert steering_client.get(reverse("admin:finance_budgetyear_add")).status_code == 403
    assert steering_client.get(ADD).status_code == 403


def test_adding_a_booking_goes_through_the_service(secretariat_client):
    response = secretariat_client.post(ADD, _form(amount="12,50"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    booking = Booking.objects.get()
    assert booking.amount == Decimal("12.50")
    assert booking.created_by == secretariat_client.user
    assert booking.source == Booking.Source.MANUAL


def test_a_closed_year_refuses_a_booking_with_a_form_error(secretariat_client):
    BudgetYear.objects.filter(year=2021).update(closed=True)
    response = secretariat_client.post(ADD, _form())
    assert response.status_code == 200
    assert "2021 is afgesloten" in response.content.decode()
    assert not Booking.objects.exists()


def test_a_booking_outside_its_year_is_a_field_error(secretariat_client):
    response = secretariat_client.post(ADD, _form(date="2022-01-05"))
    assert response.status_code == 200
    assert "date" in response.context["adminform"].form.errors
    assert not Booking.objects.exists()


def test_bookings_are_not_changed_or_deleted_in_the_admin(secretariat_client):
    booking, _ = booking_add(
        line=_line(), date=datetime.date(2021, 3, 1), amount=Decimal("40"),
        description="Parkeren", by=None,
    )  # fmt: skip
    change = reverse("admin:finance_booking_change", args=[booking.pk])
    response = secretariat_client.get(change)
    assert response.status_code == 200 and not response.context["has_change_permission"]
    secretariat_client.post(change, _form(amount="1"))
    booking.refresh_from_db()
    assert booking.amount == Decimal("40.00")
    delete = reverse("admin:finance_booking_delete", args=[booking.pk])
    assert secretariat_client.get(delete).status_code == 403


def test_correct_action_books_a_correction_with_its_reason(secretariat_client):
    booking, _ = booking_add(
        line=_line(), date=datetime.date(2021, 5, 1), amount=Decimal("40.00"),
        description="Parkeren", by=None,
    )  # fmt: skip
    chosen = {"action": "correct", ACTION_CHECKBOX_NAME: [booking.pk]}
    page = secretariat_client.post(CHANGELIST, chosen)
    assert page.status_code == 200 and "Parkeren" in page.content.decode()
    without_reason = secretariat_client.post(
        CHANGELIST, {**chosen, "apply": "1", "amount": "-10,00", "reason": "", "date": "2021-05-02"}
    )
    assert without_reason.status_code == 200 and Booking.objects.count() == 1
    response = secretariat_client.post(
        CHANGELIST,
        {**chosen, "apply": "1", "amount": "-10,00", "reason": "Te veel", "date": "2021-05-02"},
    )
    assert response.status_code == 302
    correction = Booking.objects.get(corrects=booking)
    assert correction.amount == Decimal("-10.00") and correction.reason == "Te veel"
    assert correction.created_by == secretariat_client.user


def test_correction_in_a_closed_year_is_refused_on_the_form(secretariat_client):
    booking, _ = booking_add(
        line=_line(), date=datetime.date(2021, 5, 1), amount=Decimal("40.00"),
        description="Parkeren", by=None,
    )  # fmt: skip
    BudgetYear.objects.filter(year=2021).update(closed=True)
    response = secretariat_client.post(
        CHANGELIST,
        {
            "action": "correct", ACTION_CHECKBOX_NAME: [booking.pk], "apply": "1",
            "amount": "-10,00", "reason": "Te veel", "date": "2021-05-02",
        },
    )  # fmt: skip
    assert response.status_code == 200 and "2021 is afgesloten" in response.content.decode()
    assert Booking.objects.count() == 1


def test_booking_changelist_filters_and_queries_stay_flat(secretariat_client):
    from tests.harness import assert_queries_flat

    def grow(n):
        for _ in range(n):
            booking_add(
                line=_line(), date=datetime.date(2021, 3, 1), amount=Decimal("5"),
                description="Koffie", by=None,
            )  # fmt: skip

    assert_queries_flat(lambda: secretariat_client.get(CHANGELIST + "?year=2021"), grow)
    response = secretariat_client.get(CHANGELIST + "?q=Koffie&source=manual")
    assert response.status_code == 200 and "Koffie" in response.content.decode()


# --- Expense claims (M9) ---------------------------------------------------------------

CLAIMS = reverse("admin:finance_expenseclaim_changelist")


def test_m9_admin_approves_and_rejects_claims_through_the_services(secretariat_client):
    from tests.finance.factories import ExpenseClaimFactory

    over, other = (
        ExpenseClaimFactory(amount=Decimal("80.00"), over_allowance=True),
        (ExpenseClaimFactory()),
    )
    listing = secretariat_client.get(CLAIMS + "?status__exact=submitted").content.decode()
    assert "€ 80,00" in listing
    response = secretariat_client.post(
        CLAIMS, {"action": "approve", ACTION_CHECKBOX_NAME: [over.pk]}
    )
    assert response.status_code == 302
    over.refresh_from_db()
    assert over.status == "approved" and over.booking.source_key == f"claim:{over.pk}"
    chosen = {"action": "reject", ACTION_CHECKBOX_NAME: [other.pk]}
    page = secretariat_client.post(CLAIMS, chosen)
    assert page.status_code == 200 and other.description in page.content.decode()
    without = secretariat_client.post(CLAIMS, {**chosen, "apply": "1", "reason": " "})
    assert without.status_code == 200 and 'id="reason-error"' in without.content.decode()
    secretariat_client.post(CLAIMS, {**chosen, "apply": "1", "reason": "Geen bon"})
    other.refresh_from_db()
    assert other.status == "rejected" and other.reason == "Geen bon"


def test_m9_admin_never_edits_a_claim_and_the_steering_group_only_reads(
    secretariat_client, steering_client
):
    from tests.finance.factories import ExpenseClaimFactory

    claim = ExpenseClaimFactory()
    change = reverse("admin:finance_expenseclaim_change", args=[claim.pk])
    page = secretariat_client.get(change)
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert reverse("finance:claim-receipt", args=[claim.pk]) in page.content.decode()
    steering = steering_client.get(change).content.decode()
    assert reverse("finance:claim-receipt", args=[claim.pk]) not in steering
    steering_client.post(CLAIMS, {"action": "approve", ACTION_CHECKBOX_NAME: [claim.pk]})
    claim.refresh_from_db()
    assert claim.status == "submitted" and not Booking.objects.exists()
