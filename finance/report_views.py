"""Reports for the steering group and the secretariat (finance.view_budgetline):
budget against actuals per line, the forecast, the years side by side, and the year's
report as CSV, XLSX and PDF (for the plenary meeting). A member sees none of these:
only the budget summary and their own claims.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from finance.exports import REPORT_MONEY_COLUMNS, report_dataset, report_pdf
from finance.models import BudgetYear
from finance.reports import basis_in_words, budget_years
from finance.selectors import budget_summary
from finance.selectors.forecast import budget_forecast
from finance.selectors.reports import years_comparison
from members.spreadsheets import spreadsheet_response

FULL_PERMISSION = "finance.view_budgetline"
WHOLE = Decimal("1")


def _summary(year):
    try:
        return budget_summary(year=year)
    except BudgetYear.DoesNotExist:
        raise Http404("No budget for this year.") from None


def _report_context(summary):
    actual = sum((f.actual for f in summary.lines), start=summary.budgeted * 0)
    rows = []
    for figures in summary.lines:
        spent = (
            (figures.actual * 100 / figures.budget).quantize(WHOLE, rounding=ROUND_HALF_UP)
            if figures.budget
            else None
        )
        rows.append(
            {
                "figures": figures,
                "basis": basis_in_words(figures.line),
                "remaining": figures.budget - figures.actual,
                "percent": spent,
                "scale": max(figures.budget, figures.actual),
                "over": figures.actual > figures.budget,
            }
        )
    return {
        "summary": summary,
        "rows": rows,
        "actual_total": actual,
        "remaining_total": summary.budgeted - actual,
        "years": budget_years(),
        "generated_on": timezone.localdate(),
    }


@login_required
@permission_required(FULL_PERMISSION, raise_exception=True)
@require_safe
def report(request, year: int):
    return render(request, "finance/reports/year.html", _report_context(_summary(year)))


def _file_response(content, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@permission_required(FULL_PERMISSION, raise_exception=True)
@require_safe
def report_csv(request, year: int):
    return spreadsheet_response(
        dataset=report_dataset(_summary(year)), fmt="csv", filename=f"begroting-{year}.csv"
    )


@login_required
@permission_required(FULL_PERMISSION, raise_exception=True)
@require_safe
def report_xlsx(request, year: int):
    return spreadsheet_response(
        dataset=report_dataset(_summary(year)),
        fmt="xlsx",
        filename=f"begroting-{year}.xlsx",
        money_columns=REPORT_MONEY_COLUMNS,
    )


@login_required
@permission_required(FULL_PERMISSION, raise_exception=True)
@require_safe
def report_pdf_view(request, year: int):
    context = _report_context(_summary(year))
    pdf = report_pdf(context=context, base_url=request.build_absolute_uri("/"))
    return _file_response(pdf, content_type="application/pdf", filename=f"begroting-{year}.pdf")


@login_required
@permission_required(FULL_PERMISSION, raise_exception=True)
@require_safe
def forecast(request, year: int):
    try:
        result = budget_forecast(year=year)
    except BudgetYear.DoesNotExist:
        raise Http404("No budget for this year.") from None
    context = {
        "forecast": result,
        "summary": result.summary,
        "years": budget_years(),
        "rows": [(f, basis_in_words(f.line)) for f in result.lines],
    }
    return render(request, "finance/reports/forecast.html", context)


@login_required
@permission_required(FULL_PERMISSION, raise_exception=True)
@require_safe
def years(request):
    return render(request, "finance/reports/years.html", {"comparison": years_comparison()})
