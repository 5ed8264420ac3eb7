"""Published advices for the tests of the public site (A3, A4)."""

import datetime

from django.utils import timezone

from advices.models import Recommendation, Status
from advices.services import advice_publish, advice_save_draft
from tests.advices.factories import TrajectoryFactory, advance_to

DEFAULT_RECOMMENDATIONS = (
    "Maak regelingen vindbaar op één plek, ook op papier.",
    "Betrek ervaringsdeskundigen bij de uitvoering.",
)


def advice_at(
    status=Status.ADOPTED,
    *,
    recommendations=DEFAULT_RECOMMENDATIONS,
    responses=None,
    themes=(),
    introduction="Wij zijn gevraagd te adviseren.",
    way_of_working="De projectgroep sprak met inwoners in drie wijken.",
    considerations="Inwoners met weinig geld vinden de weg naar regelingen niet.",
    **fields,
):
    """A trajectory with a written advice, walked through the workflow up to `status`.

    `responses`: the college's response per recommendation (a list of Response values).
    """
    trajectory = TrajectoryFactory(**fields)
    if themes:
        trajectory.themes.set(themes)
    advice_save_draft(
        advice=trajectory.advice,
        by=None,
        data={
            "introduction": introduction,
            "way_of_working": way_of_working,
            "considerations": considerations,
        },
        recommendations=list(recommendations),
    )
    trajectory = advance_to(trajectory, status)
    if responses:
        for number, response in enumerate(responses, start=1):
            Recommendation.objects.filter(advice__trajectory=trajectory, number=number).update(
                response=response, response_explanation="Toelichting van het college."
            )
    return trajectory


def published_advice(status=Status.SENT, *, at=None, **kwargs):
    """An advice at `status`, published (a day ago unless `at` says otherwise)."""
    trajectory = advice_at(status, **kwargs)
    return advice_publish(
        trajectory=trajectory,
        by=None,
        at=at or timezone.now() - datetime.timedelta(days=1),
    )
