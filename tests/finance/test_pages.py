"""The budget page in the portal (F1, F2) and the money filter."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from finance.models import Booking, BudgetLine, BudgetYear
from finance.templatetags.money import format_money, money
from tests.harness import assert_queries_flat
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

URL_2021 = reverse("finance:budget-year", kwargs={"year": 2021})


def _book(amount="40.00", kind="expenses", counterparty="NS Reizigers"):
    line = BudgetLine.objects.get(budget_year__year=2021, kind=kind)
    return Booking.objects.create(
        line=line, date=datetime.date(2021, 3, 1), amount=Decimal(amount),
        description="Reiskosten", counterparty=counterparty,
    )  # fmt: skip


def test_money_filter_thousands_cents_negative_and_rounding():
    assert money(Decimal("1234.56")) == "€ 1.234,56"
    assert money(Decimal("129500")) == "€ 129.500,00"
    assert money(Decimal("1234567.8")) == "€ 1.234.567,80"
    assert money(Decimal("0.5")) == "€ 0,50"
    assert money(Decimal("999")) == "€ 999,00"
    assert money(Decimal("-200")) == "−€ 200,00"
    assert money(Decimal("0.005")) == "€ 0,01"  # half up, not to even
    assert money(Decimal("0.015")) == "€ 0,02"
    assert money(Decimal("-0.005")) == "−€ 0,01"
    assert money(Decimal("20"), "short") == "€ 20"
    assert money(Decimal("20.50"), "short") == "€ 20,50"
    assert money(None) == ""
    assert money(3) == "€ 3,00"
    with pytest.raises(TypeError):
        format_money(12.5)


def test_f1_f2_budget_page_2021(steering_client):
    MemberFactory.create_batch(3)
    MemberFactory(
        start_date=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2022, 1, 1),
        end_reason="resigned",
    )
    _book()
    response = steering_client.get(URL_2021)
    content = response.content.decode()
    assert "€ 129.500,00" in content  # available
    assert "€ 120.000,00" in content  # budgeted
    assert "€ 9.500,00" in content  # unallocated
    assert "€ 52.800,00" in content and "€ 53.000,00" in content
    assert "De leidraad rondt 0,66 × € 80.000 = € 52.800 af op € 53.000." in content
    assert "6 bijeenkomsten × € 20 × 50 leden" in content
    assert "15 adviestrajecten × € 300" in content
    assert "0,66 × € 80.000" in content
    for source in ["De adviesraad Ten Boer", "De adviesraad Haren", "Stadadviseert"]:
        assert source in content
    assumptions = content[content.index('id="assumptions"') :]
    # 2021 is over: its 50 assumed members are set against the members of 31-12-2021 (the
    # one who sat from 2020 to 2022), not against today's three (issue 21.7).
    assert "50 " in assumptions and "31-12-2021" in assumptions
    assert response.context["assumptions"].sitting_members == 1
    assert "€ 200,00" in assumptions
    assert "€ 9.500,00" in assumptions
    assert "€ 40,00" in content  # actuals
    assert content.count("<h1") == 1
    assert 'style="' not in content and "<script" not in content.split("</main>")[0]
    assert 'id="over-budget"' not in content


def test_the_newest_year_is_the_default(steering_client):
    BudgetYear.objects.create(year=2022)
    response = steering_client.get(reverse("finance:budget"))
    assert response.status_code == 302
    assert response["Location"] == reverse("finance:budget-year", kwargs={"year": 2022})
    content = steering_client.get(response["Location"]).content.decode()
    assert URL_2021 in content and 'aria-current="page"' in content


def test_a_missing_year_is_not_found(steering_client):
    assert (
        steering_client.get(reverse("finance:budget-year", kwargs={"year": 1999})).status_code
        == 404
    )


def test_a_member_sees_the_summary_without_actuals(member_client):
    _book(amount="1234.00", counterparty="Geheime Leverancier BV")
    response = member_client.get(URL_2021)
    assert response.status_code == 200
    content = response.content.decode()
    assert "€ 129.500,00" in content and "€ 120.000,00" in content
    assert "Externe ondersteuning (0,66 fte × € 80.000)" in content and "€ 53.000,00" in content
    assert "€ 1.234,00" not in content
    assert "Geheime Leverancier" not in content
    assert "Werkelijke uitgaven" not in content
    assert 'id="assumptions"' not in content and 'id="sources"' not in content


def test_an_account_without_a_role_is_refused(client):
    from tests.members.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(URL_2021).status_code == 403
    assert client.get(reverse("finance:budget")).status_code == 403


def test_anonymous_goes_to_the_login(client):
    response = client.get(URL_2021)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_over_budget_warning(steering_client):
    year = BudgetYear.objects.create(year=2030)
    year.sources.create(name="Gemeente", amount=Decimal("1000.00"))
    year.lines.create(name="Website", basis="fixed", stated_amount=Decimal("1500.00"))
    content = steering_client.get(reverse("finance:budget-year", kwargs={"year": 2030})).content
    content = content.decode()
    assert 'id="over-budget"' in content and 'role="alert"' in content
    assert "€ 1.500,00" in content and "€ 1.000,00" in content
    assert "−€ 500,00" in content  # unallocated
    assumptions = content[content.index('id="assumptions"') :]
    assert "€ 500,00" in assumptions


def test_budget_page_queries_stay_flat(steering_client):
    def grow(n):
        for _ in range(n):
            _book()
            MemberFactory()

    assert_queries_flat(lambda: steering_client.get(URL_2021), grow)
