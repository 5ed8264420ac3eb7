"""The annual report (/jaarverslag/) and the archive PDF (issue 8).

The matrix's database holds no published report: a year's report is then 404 for the
public (anonymous and Lid alike) and a concept for the steering group and the
secretariat. The published case is in tests/asdg/test_annual_report.py. The archive of
decisions and minutes is for the steering group and the secretariat only.
"""

from tests.url_matrix import (
    ANON,
    LID,
    NOT_FOUND,
    OK,
    SEC,
    STUUR,
    everyone,
    steering_and_secretariat,
)

YEAR = {"year": 2021}
UNPUBLISHED = {ANON: NOT_FOUND, LID: NOT_FOUND, STUUR: OK, SEC: OK}

PAGES = {
    "annual_report:index": ({}, everyone(OK)),
    "annual_report:detail": (YEAR, UNPUBLISHED),
    "annual_report:pdf": (YEAR, UNPUBLISHED),
    "annual_report:archive": (YEAR, steering_and_secretariat(OK)),
}


def _annual_report():
    from steering.models import AnnualReport

    return AnnualReport.objects.create(year=2021, foreword="Ons eerste jaar.")


ADMIN_OBJECTS = {"steering.annualreport": _annual_report}
# The steering group writes and publishes the foreword; only the secretariat deletes one.
ADMIN_RIGHTS = {"steering.annualreport": {STUUR: "vac", SEC: "vacd"}}
