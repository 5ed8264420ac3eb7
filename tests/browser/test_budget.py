"""The budget in a real browser: the portal page and the admin's budget year (axe-core)."""

import datetime
from decimal import Decimal

import pytest

from finance.models import Booking, BudgetYear
from finance.services import booking_add
from tests.browser.login import log_in, log_in_to_admin
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def budget_2021():
    """The guideline's 2021 budget: transactional tests flush the data migration's rows."""
    if not BudgetYear.objects.filter(year=2021).exists():
        from importlib import import_module

        from django.apps import apps

        import_module("finance.migrations.0003_budget_2021").load(apps, None)
    return BudgetYear.objects.get(year=2021)


def test_budget_page_as_the_steering_group(page, budget_2021):
    MemberFactory.create_batch(2)
    UserFactory(email="stuur@example.org", role="Stuurgroep")
    log_in(page, "stuur@example.org")
    page.wait_for_url("**/portaal/")
    page.goto("/portaal/begroting/")
    page.wait_for_url("**/portaal/begroting/2021/")
    assert page.get_by_role("heading", level=1).inner_text() == "Begroting 2021"
    assert "€ 9.500,00" in page.locator("#assumptions").inner_text()
    table = page.get_by_role("table", name="Begrotingsposten 2021")
    assert "€ 52.800,00" in table.inner_text()
    assert_accessible(page)


def test_admin_budget_year_as_the_secretariat(page, settings, budget_2021):
    UserFactory(email="sec@example.org", role="Secretariaat")
    log_in_to_admin(page, "sec@example.org")
    for url in [
        f"/admin/finance/budgetyear/{budget_2021.pk}/change/",
        "/admin/finance/booking/",
        "/admin/finance/booking/add/",
    ]:
        page.goto(url)
        assert_accessible(page)
    # The action "Correct…" and its intermediate page.
    line = budget_2021.lines.get(kind="expenses")
    booking_add(
        line=line, date=datetime.date(2021, 3, 1), amount=Decimal("40.00"),
        description="Parkeren", by=None,
    )  # fmt: skip
    page.goto("/admin/finance/booking/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("correct")
    page.locator("button[name=index]").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Een boeking corrigeren"
    assert_accessible(page)
    page.get_by_label("Bedrag van de correctie").fill("-10,00")
    page.get_by_label("Reden").fill("Te veel gedeclareerd")
    page.get_by_label("Datum").fill("2021-03-02")
    page.get_by_role("button", name="Correctie boeken").click()
    page.wait_for_url("**/admin/finance/booking/")
    assert Booking.objects.get(corrects__isnull=False).amount == Decimal("-10.00")
