"""The annual report (/jaarverslag/) and the archive of decisions and minutes (issue 8).

A year's report is public once the steering group published its foreword; until then
only the steering group and the secretariat (steering.view_annualreport) see it, marked
as a concept. The archive PDF is theirs alone (steering.view_decision).
"""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from asdg.annual_report import annual_report, annual_report_pdf, archive_pdf, report_years
from steering.models import AnnualReport

STAFF_PERMISSION = "steering.view_annualreport"
ARCHIVE_PERMISSION = "steering.view_decision"


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


def _report_or_404(request, year: int) -> dict:
    """The report's context; 404 for a year without a report, or unpublished for the public."""
    today = timezone.localdate()
    if year not in report_years(today):
        raise Http404("No annual report for this year.")
    staff = request.user.has_perm(STAFF_PERMISSION)
    published = AnnualReport.objects.published().filter(year=year).exists()
    if not (published or staff):
        raise Http404("This annual report is not published.")
    context = annual_report(year=year, today=today)
    context.update(concept=not published, staff=staff)
    return context


@require_safe
def report_index(request):
    today = timezone.localdate()
    staff = request.user.has_perm(STAFF_PERMISSION)
    reports = {report.year: report for report in AnnualReport.objects.all()}
    years = [
        (year, reports.get(year))
        for year in report_years(today)
        if staff or (year in reports and reports[year].published_at)
    ]
    return render(request, "asdg/report/index.html", {"years": years, "staff": staff})


@require_safe
def report_detail(request, year: int):
    return render(request, "asdg/report/report.html", _report_or_404(request, year))


@require_safe
def report_pdf(request, year: int):
    context = _report_or_404(request, year)
    return _pdf_response(annual_report_pdf(context), f"jaarverslag-{year}.pdf")


@login_required
@permission_required(ARCHIVE_PERMISSION, raise_exception=True)
@require_safe
def archive(request, year: int):
    today = timezone.localdate()
    if year not in report_years(today):
        raise Http404("No archive for this year.")
    return _pdf_response(archive_pdf(year=year, today=today), f"besluiten-en-verslagen-{year}.pdf")
