"""The forecast and the reports: budget against actuals, the years compared, CSV, XLSX, PDF."""

import datetime
import io
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from finance.models import BudgetLine, BudgetYear
from finance.selectors.forecast import budget_forecast
from finance.selectors.reports import years_comparison
from finance.services import booking_add
from steering.models import PlenaryMeeting
from tests.advices.factories import TrajectoryFactory
from tests.harness import assert_queries_flat
from tests.members.factories import MemberFactory
from tests.steering.factories import PlenaryMeetingFactory

pytestmark = pytest.mark.django_db

REPORT = reverse("finance:report", kwargs={"year": 2021})
FORECAST = reverse("finance:forecast", kwargs={"year": 2021})


def _line(kind, year=2021):
    """The year's first line of the kind ("other": subscriptions and literature)."""
    return BudgetLine.objects.filter(budget_year__year=year, kind=kind).order_by("position")[0]


def _book(kind, amount, year=2021, description="Factuur"):
    booking, _ = booking_add(
        line=_line(kind, year), date=datetime.date(year, 6, 1), amount=Decimal(amount),
        description=description, by=None,
    )  # fmt: skip
    return booking


def _meetings(count, status):
    for month in range(1, count + 1):
        starts = timezone.make_aware(datetime.datetime(2021, month, 10, 19))
        PlenaryMeetingFactory(
            starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), status=status
        )


def _members(count):
    MemberFactory.create_batch(count, start_date=datetime.date(2021, 1, 1))


# --- Forecast ------------------------------------------------------------------------


def test_f2_forecast_recomputes_each_formula_line_with_the_years_counts():
    _members(40)
    MemberFactory(start_date=datetime.date(2023, 1, 1))  # not sitting in 2021
    _meetings(3, PlenaryMeeting.Status.HELD)
    _meetings(2, PlenaryMeeting.Status.PLANNED)
    PlenaryMeetingFactory(
        starts_at=timezone.make_aware(datetime.datetime(2021, 11, 1, 19)),
        ends_at=timezone.make_aware(datetime.datetime(2021, 11, 1, 21)),
        status=PlenaryMeeting.Status.CANCELLED,
    )
    for _ in range(12):
        TrajectoryFactory(received_on=datetime.date(2021, 4, 1))
    forecast = budget_forecast(year=2021)
    assert (forecast.counts.members, forecast.counts.meetings, forecast.counts.trajectories) == (
        40, 5, 12,
    )  # fmt: skip
    by_kind = {f.line.kind: f for f in forecast.lines if f.line.kind != "other"}
    assert by_kind["plenary"].projected == Decimal("4000.00")  # 5 × 40 × € 20
    assert by_kind["plenary"].difference == Decimal("-2000.00")
    assert by_kind["training"].projected == Decimal("4000.00")  # 40 × € 100
    assert by_kind["expenses"].projected == Decimal("2000.00")  # 40 × € 50
    assert by_kind["trajectories"].projected == Decimal("3600.00")  # 12 × € 300
    assert by_kind["support"].projected == Decimal("53000.00")  # entered: stays
    assert forecast.budget == Decimal("120000.00")
    # 120.000 − 2.000 − 1.000 − 500 − 900 = 115.600
    assert forecast.projected == Decimal("115600.00")
    assert forecast.difference == Decimal("-4400.00")
    assert forecast.projected_unallocated == Decimal("13900.00")


def test_f2_forecast_is_never_below_what_is_booked_and_flags_overspend():
    _members(10)
    _book("other", "3500.00")  # the first "other" line, subscriptions: € 3.000 budgeted
    forecast = budget_forecast(year=2021)
    subscriptions = next(f for f in forecast.lines if f.line.kind == "other")
    assert subscriptions.projected == Decimal("3500.00") and subscriptions.overspend
    assert subscriptions.difference == Decimal("500.00")


def test_f2_forecast_keeps_the_budgets_meetings_while_none_are_recorded():
    _members(40)
    plenary = next(f for f in budget_forecast(year=2021).lines if f.line.kind == "plenary")
    assert plenary.meetings_assumed and plenary.projected == Decimal("4800.00")  # 6 × 40 × 20


def test_forecast_page(steering_client, member_client):
    _members(40)
    _meetings(4, PlenaryMeeting.Status.HELD)
    content = steering_client.get(FORECAST).content.decode()
    assert 'id="forecast-lines"' in content and "€ 3.200,00" in content  # 4 × 40 × € 20
    assert 'id="forecast-total"' in content and content.count("<h1") == 1
    assert 'style="' not in content
    assert member_client.get(FORECAST).status_code == 403


def test_forecast_page_queries_stay_flat(steering_client):
    def grow(n):
        _members(n)
        for _ in range(n):
            TrajectoryFactory(received_on=datetime.date(2021, 4, 1))
            _book("expenses", "5.00")

    assert_queries_flat(lambda: steering_client.get(FORECAST), grow)


# --- Budget against actuals -----------------------------------------------------------


def test_report_shows_budget_against_actuals_with_bars_and_numbers(steering_client):
    _book("support", "26500.00")
    _book("other", "3300.00")  # subscriptions over budget
    response = steering_client.get(REPORT)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<meter") == 9
    assert 'value="26500.00"' in content and 'max="53000.00"' in content
    assert "50%" in content and "110%" in content
    assert "€ 26.500,00" in content and "€ 29.800,00" in content  # actual total
    assert 'style="' not in content and "<script" not in content.split("</main>")[0]
    for fmt in ("report-pdf", "report-xlsx", "report-csv"):
        assert reverse(f"finance:{fmt}", kwargs={"year": 2021}) in content


def test_reports_are_for_the_steering_group_and_secretariat_only(member_client):
    for name in ("report", "report-csv", "report-xlsx", "report-pdf", "forecast"):
        assert (
            member_client.get(reverse(f"finance:{name}", kwargs={"year": 2021})).status_code == 403
        )
    assert member_client.get(reverse("finance:years")).status_code == 403


def test_report_of_a_missing_year_is_not_found(steering_client):
    for name in ("report", "report-csv", "report-pdf", "forecast"):
        assert (
            steering_client.get(reverse(f"finance:{name}", kwargs={"year": 1999})).status_code
            == 404
        )


def test_report_page_queries_stay_flat(steering_client):
    assert_queries_flat(
        lambda: steering_client.get(REPORT),
        lambda n: [_book("expenses", "5.00") for _ in range(n)],
    )


def test_csv_export_holds_every_line_and_the_totals(secretariat_client):
    _book("support", "1234.56")
    response = secretariat_client.get(reverse("finance:report-csv", kwargs={"year": 2021}))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="begroting-2021.csv"' in response["Content-Disposition"]
    text = response.content.decode()
    for line in BudgetLine.objects.filter(budget_year__year=2021):
        assert line.name in text
    assert "53000.00,1234.56,51765.44" in text
    assert "120000.00" in text and "129500.00" in text and "9500.00" in text


def test_xlsx_export_holds_numbers_not_text(secretariat_client):
    _book("support", "1234.56")
    response = secretariat_client.get(reverse("finance:report-xlsx", kwargs={"year": 2021}))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 9 + 3
    support = next(row for row in rows if row[0].startswith("Externe ondersteuning"))
    assert support[3] == 53000 and support[4] == pytest.approx(1234.56)
    assert isinstance(support[3], int | float)


def test_xlsx_export_shows_amounts_in_euros_and_keeps_them_numbers(secretariat_client):
    """Issue 18.4: money in the export the Dutch way (a euro format the spreadsheet shows
    with the reader's separators, € in the headers), the cells still numbers."""
    _book("support", "1234.56")
    response = secretariat_client.get(reverse("finance:report-xlsx", kwargs={"year": 2021}))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    assert [header.endswith("(€)") for header in headers] == [False, False, True, True, True, True]
    support = next(row for row in sheet.iter_rows(min_row=2) if row[0].value.startswith("Extern"))
    for cell in support[3:6]:
        assert isinstance(cell.value, int | float) and cell.number_format == '"€" #,##0.00'
    assert support[0].number_format == "General"  # the line's name is text


def test_pdf_for_the_plenary_holds_every_line_and_total(steering_client, tmp_path):
    _book("support", "26500.00")
    response = steering_client.get(reverse("finance:report-pdf", kwargs={"year": 2021}))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    pdf = tmp_path / "begroting.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for line in BudgetLine.objects.filter(budget_year__year=2021):
        assert line.name in " ".join(text.split()), line.name
    for amount in ("€ 120.000,00", "€ 129.500,00", "€ 9.500,00", "€ 26.500,00", "€ 93.500,00"):
        assert amount in text, amount


# --- The years compared ---------------------------------------------------------------


def test_years_comparison_matches_lines_by_name_over_the_years(steering_client):
    year = BudgetYear.objects.create(year=2022)
    year.sources.create(name="Gemeente Groningen", amount=Decimal("131000.00"))
    year.lines.create(name="Kosten website", basis="fixed", stated_amount=Decimal("18000.00"))
    year.lines.create(name="Nieuwe post", basis="fixed", stated_amount=Decimal("1000.00"))
    _book("other", "2000.00")
    comparison = years_comparison()
    assert [y.year for y in comparison.years] == [2021, 2022]
    assert comparison.years[0].available == Decimal("129500.00")
    assert comparison.years[0].actual == Decimal("2000.00")
    assert comparison.years[1].budgeted == Decimal("19000.00")
    website = next(r for r in comparison.rows if r.name == "Kosten website")
    assert website.cells == [
        (Decimal("20000.00"), Decimal("0.00")), (Decimal("18000.00"), Decimal("0.00")),
    ]  # fmt: skip
    new = next(r for r in comparison.rows if r.name == "Nieuwe post")
    assert new.cells[0] is None
    content = steering_client.get(reverse("finance:years")).content.decode()
    assert "€ 131.000,00" in content and "€ 18.000,00" in content and content.count("<h1") == 1


def test_years_page_queries_stay_flat(steering_client):
    def grow(n):
        start = 2030 + BudgetYear.objects.filter(year__gte=2030).count()
        for year in range(start, start + n):
            budget_year = BudgetYear.objects.create(year=year)
            budget_year.sources.create(name="Gemeente", amount=Decimal("1000.00"))
            budget_year.lines.create(name="Website", basis="fixed", stated_amount=Decimal("9"))

    assert_queries_flat(lambda: steering_client.get(reverse("finance:years")), grow)
