"""Open data (issue 19.5): every published advice with its recommendations and the
college's verdict per recommendation, as CSV and JSON, under CC0.

The schema is stable: the field names below are the contract (documented on
/adviezen/open-data/, versioned by SCHEMA_VERSION); a new field is added at the end, and
a field is never renamed or given another meaning without a new version. Verdicts are
codes (adopted, partly, not_adopted, or empty while the college has not answered), with
the Dutch label beside them. Dates are ISO 8601.
"""

import datetime
import json
from dataclasses import dataclass

import tablib
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from advices.models import Recommendation, Trajectory
from members.spreadsheets import spreadsheet_export

SCHEMA_VERSION = "1.0"
LICENSE = "CC0-1.0"
LICENSE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"


@dataclass(frozen=True)
class Column:
    name: str
    description: str


# One row per recommendation (CSV); the JSON nests the same fields per advice.
ADVICE_COLUMNS = [
    Column("advice_slug", _("The advice's stable identifier, as in its address.")),
    Column("advice_title", _("The advice's subject.")),
    Column("advice_url", _("The advice's page on this site.")),
    Column(
        "laws", _("The laws it concerns (Wmo 2015, Jeugdwet, Participatiewet), separated by ;.")
    ),
    Column("themes", _("Its themes, separated by ;.")),
    Column("adopted_on", _("Date the plenary meeting adopted the advice.")),
    Column("sent_on", _("Date the advice was sent to the college.")),
    Column("response_received_on", _("Date the college's response came in; empty while awaited.")),
    Column("council_proposal_number", _("The college's council proposal, if it made one.")),
    Column("council_proposal_url", _("The council proposal in the council information system.")),
]
RECOMMENDATION_COLUMNS = [
    Column("recommendation_number", _("The recommendation's number within the advice.")),
    Column("recommendation_text", _("The recommendation, as the advice gave it.")),
    Column("verdict", _("The college's verdict: adopted, partly, not_adopted, or empty.")),
    Column("verdict_label", _("The verdict in Dutch, as on the advice's page.")),
    Column("verdict_explanation", _("The college's explanation of its verdict.")),
]
COLUMNS = ADVICE_COLUMNS + RECOMMENDATION_COLUMNS

LAWS = [
    ("law_wmo", "Wmo 2015"),
    ("law_youth", "Jeugdwet"),
    ("law_participation", "Participatiewet"),
]


def _iso(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


def published_for_open_data():
    """The published advices, oldest first, with what the files hold: three queries."""
    return (
        Trajectory.objects.published()
        .select_related("advice", "college_response")
        .prefetch_related(
            "themes",
            Prefetch("advice__recommendations", queryset=Recommendation.objects.order_by("number")),
        )
        .order_by("adopted_on", "pk")
    )


def _advice_fields(trajectory: Trajectory, site_url: str) -> dict:
    response = getattr(trajectory, "college_response", None)
    return {
        "advice_slug": trajectory.slug,
        "advice_title": trajectory.subject,
        "advice_url": site_url + reverse("advices_public:detail", args=[trajectory.slug]),
        "laws": "; ".join(name for field, name in LAWS if getattr(trajectory, field)),
        "themes": "; ".join(theme.name for theme in trajectory.themes.all()),
        "adopted_on": _iso(trajectory.adopted_on),
        "sent_on": _iso(trajectory.sent_on),
        "response_received_on": _iso(response.received_on) if response else "",
        "council_proposal_number": response.council_proposal_number if response else "",
        "council_proposal_url": response.council_proposal_url if response else "",
    }


def _recommendation_fields(recommendation: Recommendation) -> dict:
    return {
        "recommendation_number": recommendation.number,
        "recommendation_text": recommendation.text,
        "verdict": recommendation.response,
        "verdict_label": recommendation.get_response_display() if recommendation.response else "",
        "verdict_explanation": recommendation.response_explanation,
    }


def _recommendations(trajectory: Trajectory) -> list[Recommendation]:
    advice = getattr(trajectory, "advice", None)
    return list(advice.recommendations.all()) if advice else []


def open_data_dataset(*, site_url: str) -> tablib.Dataset:
    """One row per recommendation; an advice without recommendations has one row."""
    dataset = tablib.Dataset(headers=[column.name for column in COLUMNS])
    empty = dict.fromkeys((column.name for column in RECOMMENDATION_COLUMNS), "")
    with translation.override("nl"):  # the labels are Dutch, whatever the address
        for trajectory in published_for_open_data():
            advice = _advice_fields(trajectory, site_url)
            for recommendation in _recommendations(trajectory) or [None]:
                fields = _recommendation_fields(recommendation) if recommendation else empty
                dataset.append(
                    [*advice.values(), *(v if v is not None else "" for v in fields.values())]
                )
    return dataset


def open_data_csv(*, site_url: str) -> str:
    """The CSV: UTF-8, comma-separated, a header row; text never starts a formula."""
    return spreadsheet_export(open_data_dataset(site_url=site_url), "csv")


def open_data_json(*, site_url: str) -> str:
    with translation.override("nl"):
        advices = [
            {
                **_advice_fields(trajectory, site_url),
                "recommendations": [
                    _recommendation_fields(recommendation)
                    for recommendation in _recommendations(trajectory)
                ],
            }
            for trajectory in published_for_open_data()
        ]
    document = {
        "schema_version": SCHEMA_VERSION,
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "advices": advices,
    }
    return json.dumps(document, ensure_ascii=False, indent=1)
