"""The year's report as a file: CSV and XLSX (tablib), and a PDF for the plenary meeting.

Amounts stay Decimal all the way: the spreadsheet gets numbers shown in euros, the CSV
plain decimals (1234.56), the PDF the Dutch notation of the money filter; the headers of
the amounts name their unit (€).
"""

import tablib
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from finance.reports import basis_in_words
from finance.selectors.budget import BudgetSummary
from organisation.selectors import organisation_get

# The columns of report_dataset that hold amounts: shown in euros in the XLSX.
REPORT_MONEY_COLUMNS = (2, 3, 4, 5)


def _in_euros(header) -> str:
    """A money column's header names its unit the Dutch way: "Begroot (€)"."""
    return f"{header} (€)"


def report_dataset(summary: BudgetSummary) -> tablib.Dataset:
    """Budget against actuals per line, with the totals and the unallocated remainder."""
    headers = [
        _("Budget line"),
        _("Basis"),
        _in_euros(_("Formula")),
        _in_euros(_("Budgeted")),
        _in_euros(_("Actual expenditure")),
        _in_euros(_("Remaining")),
    ]
    dataset = tablib.Dataset(
        headers=[str(h) for h in headers],
        title=str(_("Budget %(year)s") % {"year": summary.year.year}),
    )
    for figures in summary.lines:
        dataset.append(
            [
                figures.line.name,
                basis_in_words(figures.line),
                figures.formula if figures.formula is not None else "",
                figures.budget,
                figures.actual,
                figures.budget - figures.actual,
            ]
        )
    actual = sum((f.actual for f in summary.lines), start=summary.budgeted * 0)
    dataset.append(
        [_("Total budgeted"), "", "", summary.budgeted, actual, summary.budgeted - actual]
    )
    dataset.append([_("Available"), "", "", summary.available, "", ""])
    dataset.append([_("Unallocated"), "", "", summary.unallocated, "", ""])
    return dataset


def report_pdf(*, context: dict, base_url: str) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango costs time at start-up

    html = render_to_string(
        "finance/pdf/report.html", {"organisation": organisation_get(), **context}
    )
    return HTML(string=html, base_url=base_url).write_pdf()
