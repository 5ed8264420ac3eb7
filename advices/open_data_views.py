"""/adviezen/open-data/: the page that documents the files, and the files (issue 19.5).

All three are public pages like the others: an anonymous visitor gets them from the cache,
one copy per publication version (advices.publication.cache_public_page).
"""

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from advices import open_data
from advices.publication import cache_public_page


def _site_url(request) -> str:
    return request.build_absolute_uri("/")[:-1]


@require_safe
@cache_public_page
def open_data_page(request):
    context = {
        "title": _("Open data: our advices and the college's verdicts"),
        "description": _(
            "Every published advice with its recommendations and the college's verdict per "
            "recommendation, as CSV and JSON, free to reuse (CC0)."
        ),
        "og_type": "website",
        "advice_columns": open_data.ADVICE_COLUMNS,
        "recommendation_columns": open_data.RECOMMENDATION_COLUMNS,
        "schema_version": open_data.SCHEMA_VERSION,
        "license_url": open_data.LICENSE_URL,
    }
    return render(request, "advices/public/open_data.html", context)


def _file(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=filename
    )
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


@require_safe
@transaction.non_atomic_requests
@cache_public_page
def open_data_csv(request):
    body = open_data.open_data_csv(site_url=_site_url(request))
    return _file(body, "text/csv; charset=utf-8", "asdg-adviezen.csv")


@require_safe
@transaction.non_atomic_requests
@cache_public_page
def open_data_json(request):
    body = open_data.open_data_json(site_url=_site_url(request))
    return _file(body, "application/json", "asdg-adviezen.json")
