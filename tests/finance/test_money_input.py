"""Issue 18.4: money is read and shown the Dutch way in every form, list and message."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from advices.admin import AdvanceForm
from finance.admin import CorrectionForm
from finance.forms import ClaimForm
from finance.models import Booking, BudgetLine
from members.formats import IsoDateInput, MoneyFormField, MoneyInput
from steering.governance_forms import SeatEndForm

DUTCH = ["€ 1.250,50", "1.250,50", "1250,50", "€\u00a01.250,50"]
NOT_DUTCH = ["1,250.50", "1250.50", "12,50,1", "1.25,50", "€", "twaalf"]


@pytest.mark.parametrize("text", DUTCH)
def test_money_field_reads_the_dutch_way(text):
    assert MoneyFormField().clean(text) == Decimal("1250.50")


@pytest.mark.parametrize("text", NOT_DUTCH)
def test_money_field_refuses_other_ways_with_a_message(text):
    field = MoneyFormField()
    with pytest.raises(Exception) as refused:
        field.clean(text)
    assert refused.value.code == "invalid"
    with translation.override("en"):
        assert "the Dutch way" in str(field.error_messages["invalid"])


def test_money_field_reads_negative_amounts_and_shows_them_the_dutch_way():
    assert MoneyFormField().clean("−10,00") == Decimal("-10.00")
    assert MoneyFormField().clean("-1.000") == Decimal("-1000")
    assert MoneyInput().format_value(Decimal("1250.5")) == "1.250,50"
    assert MoneyInput().format_value(Decimal("-10")) == "-10,00"


@pytest.mark.parametrize("text", DUTCH)
def test_claim_form_reads_the_dutch_way(text):
    form = ClaimForm({"date": "2021-03-01", "amount": text, "description": "Trein"})
    form.is_valid()
    assert "amount" not in form.errors
    assert form.cleaned_data["amount"] == Decimal("1250.50")


def test_claim_form_refuses_an_english_amount_on_the_field():
    form = ClaimForm({"date": "2021-03-01", "amount": "1,250.50", "description": "Trein"})
    assert not form.is_valid()
    assert form.has_error("amount", "invalid")


@pytest.mark.django_db
@pytest.mark.parametrize("text", DUTCH)
def test_admin_books_a_dutch_amount_and_reports_it_the_dutch_way(secretariat_client, text):
    line = BudgetLine.objects.get(budget_year__year=2021, kind="expenses")
    response = secretariat_client.post(
        reverse("admin:finance_booking_add"),
        {"line": line.pk, "date": "2021-12-05", "amount": text, "description": "Zaalhuur"},
        follow=True,
    )
    assert response.status_code == 200
    assert Booking.objects.get().amount == Decimal("1250.50")
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "5 december 2021, € 1.250,50" in message
    assert "1250.50" not in message and "2021-12-05" not in message
    assert "€ 1.250,50" in response.content.decode()  # the changelist


@pytest.mark.django_db
def test_admin_refuses_an_english_amount_on_the_field(secretariat_client):
    line = BudgetLine.objects.get(budget_year__year=2021, kind="expenses")
    response = secretariat_client.post(
        reverse("admin:finance_booking_add"),
        {"line": line.pk, "date": "2021-12-05", "amount": "1,250.50", "description": "Zaal"},
    )
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["amount"]
    assert not Booking.objects.exists()


def test_booking_is_described_the_dutch_way():
    booking = Booking(date=datetime.date(2026, 12, 5), amount=Decimal("1250.50"), description="X")
    with translation.override("nl"):
        assert str(booking) == "5 december 2026, € 1.250,50: X"


def test_date_input_renders_its_value_in_iso_whatever_the_language():
    with translation.override("nl"):
        html = IsoDateInput().render("date", datetime.date(2026, 12, 6))
    assert 'type="date"' in html and 'value="2026-12-06"' in html


@pytest.mark.parametrize(
    ("form_class", "name"),
    [
        (ClaimForm, "date"),
        (CorrectionForm, "date"),
        (SeatEndForm, "ended_on"),
        (AdvanceForm, "on"),  # the trajectory's "Naar de volgende stap" form of the issue
    ],
)
def test_date_inputs_of_forms_render_their_default_in_iso(form_class, name):
    # Issue 18: <input type=date value="06-12-2026"> rendered empty, the default lost.
    with translation.override("nl"):
        form = form_class(initial={name: datetime.date(2026, 12, 6)})
        assert 'value="2026-12-06"' in str(form[name])
