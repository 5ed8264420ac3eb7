"""A3: the college's response to a sent advice, per recommendation."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from advices.document_text import document_text
from advices.models import CollegeResponse, Recommendation, Status, Trajectory
from advices.services.workflow import advice_search_document_refresh, trajectory_advance
from advices.uploads import validate_document
from members.models import User

Response = Recommendation.Response
NEEDS_EXPLANATION = (Response.PARTLY, Response.NOT_ADOPTED)


def response_field(recommendation_id: int) -> str:
    """The error key (and form field) of a recommendation's response."""
    return f"response_{recommendation_id}"


def explanation_field(recommendation_id: int) -> str:
    return f"explanation_{recommendation_id}"


def _check_responses(recommendations, responses: dict) -> dict:
    errors = {}
    for recommendation in recommendations:
        response, explanation = responses.get(recommendation.pk, ("", ""))
        if response not in Response.values:
            errors[response_field(recommendation.pk)] = _(
                # A3
                "Record the college's response to recommendation %(number)s."
            ) % {"number": recommendation.number}
        elif response in NEEDS_EXPLANATION and not (explanation or "").strip():
            errors[explanation_field(recommendation.pk)] = _(
                # A3
                "Give the college's explanation for recommendation %(number)s."
            ) % {"number": recommendation.number}
    return errors


@transaction.atomic
def college_response_record(
    *,
    trajectory: Trajectory,
    by: User | None,
    received_on: datetime.date,
    council_proposal_number: str,
    council_proposal_date: datetime.date,
    council_proposal_url: str = "",
    document=None,
    responses: dict[int, tuple[str, str]],
) -> CollegeResponse:
    """Record the council proposal and the response to every recommendation (A3).

    The trajectory then moves from sent to "college response received". Any refusal
    leaves nothing behind: no response, no changed recommendation, no stored file.
    """
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    if (
        trajectory.status != Status.SENT
        or CollegeResponse.objects.filter(trajectory=trajectory).exists()
    ):
        raise ValidationError(
            _(
                # A3
                "The college's response is recorded for an advice sent to the college; "
                "this trajectory is at “%(current)s”."
            )
            % {"current": Status(trajectory.status).label}
        )
    recommendations = list(
        Recommendation.objects.select_for_update().filter(advice__trajectory=trajectory)
    )
    errors = _check_responses(recommendations, responses)
    if not council_proposal_number.strip():
        errors["council_proposal_number"] = _("Give the number of the council proposal.")
    content_type = None
    if document is not None:
        try:
            content_type = validate_document(document)
        except ValidationError as error:
            errors["document"] = error.messages
    if errors:
        raise ValidationError(errors)

    college_response = CollegeResponse(
        trajectory=trajectory,
        received_on=received_on,
        council_proposal_number=council_proposal_number.strip(),
        council_proposal_date=council_proposal_date,
        council_proposal_url=council_proposal_url.strip(),
    )
    college_response.full_clean(exclude=["document"])
    if document is not None:
        college_response.document = document
        college_response.text = document_text(document, content_type=content_type)
    college_response.save()
    try:
        for recommendation in recommendations:
            response, explanation = responses[recommendation.pk]
            recommendation.response = response
            recommendation.response_explanation = (explanation or "").strip()
            recommendation.save(update_fields=["response", "response_explanation"])
        trajectory_advance(
            trajectory=trajectory,
            to=Status.RESPONDED,
            by=by,
            note=_("Council proposal %(number)s")
            % {"number": college_response.council_proposal_number},
            on=received_on,
        )
        advice_search_document_refresh(trajectory=trajectory)  # published before the answer
    except Exception:
        # The transaction rolls back; the stored file would otherwise stay behind.
        if college_response.document:
            college_response.document.delete(save=False)
        raise
    return college_response


@transaction.atomic
def college_response_update(
    *, college_response: CollegeResponse, changed: list[str]
) -> CollegeResponse:
    """Save a correction made in the admin (which logs who made it). A new response
    document is checked by its content and read again for the site search (a removed one
    takes its text along)."""
    if "document" in changed:
        if college_response.document:
            content_type = validate_document(college_response.document)
            college_response.text = document_text(
                college_response.document, content_type=content_type
            )
        else:
            college_response.text = ""
        changed = [*changed, "text"]
    college_response.full_clean(exclude=["document"])
    college_response.save(update_fields=sorted(set(changed)) if changed else None)
    advice_search_document_refresh(trajectory=college_response.trajectory)
    return college_response
