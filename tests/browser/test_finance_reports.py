"""The reports in a real browser for the steering group: every page passes axe-core."""

import datetime
from decimal import Decimal

import pytest

from finance.services import booking_add
from tests.browser.login import log_in
from tests.browser.test_budget import budget_2021  # noqa: F401 (fixture)
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reports_forecast_and_years_as_the_steering_group(page, budget_2021):  # noqa: F811
    MemberFactory.create_batch(3, start_date=datetime.date(2021, 1, 1))
    for kind, amount in (("support", "26500.00"), ("expenses", "2700.00")):
        booking_add(
            line=budget_2021.lines.get(kind=kind), date=datetime.date(2021, 6, 1),
            amount=Decimal(amount), description="Factuur", by=None,
        )  # fmt: skip
    UserFactory(email="stuur@example.org", role="Stuurgroep")
    log_in(page, "stuur@example.org")
    page.wait_for_url("**/portaal/")
    page.goto("/portaal/begroting/2021/")
    assert_accessible(page)
    page.locator("#report-nav a[href$='/rapportage/']").click()
    page.wait_for_url("**/2021/rapportage/")
    assert page.locator("meter").count() == 9
    assert_accessible(page)
    page.locator("#report-nav a[href$='/prognose/']").click()
    page.wait_for_url("**/2021/prognose/")
    assert page.locator("#forecast-lines tbody tr").count() == 9
    assert_accessible(page)
    page.locator("#report-nav a[href$='/meerjarig/']").click()
    page.wait_for_url("**/meerjarig/")
    assert_accessible(page)
    with page.expect_download() as download:
        page.goto("/portaal/begroting/2021/rapportage/")
        page.locator("#report-downloads a[href$='.pdf']").click()
    assert download.value.suggested_filename == "begroting-2021.pdf"
