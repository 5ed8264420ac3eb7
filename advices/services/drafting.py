"""Drafting the advice together: saving a version, comments, marking it ready.

Who may do this is decided by the caller (the project group knows its members); these
services hold the rules of the advice itself, so they import no app above advices.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from advices.models import Advice, AdviceVersion, Comment, Recommendation, Status
from members.models import User


@transaction.atomic
def advice_save_draft(
    *, advice: Advice, by: User, data: dict, recommendations: list[str]
) -> Advice:
    """Save the draft as a new version; a frozen (adopted) advice is refused."""
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    if advice.frozen:
        raise ValidationError(_("The plenary adopted this advice: it can no longer change."))
    for field in ("introduction", "way_of_working", "considerations"):
        setattr(advice, field, data.get(field, getattr(advice, field)))
    advice.version += 1
    advice.ready_for_plenary = False  # a changed draft goes back to the group for review
    advice.save()
    existing = {r.number: r for r in advice.recommendations.all()}
    for number, text in enumerate(recommendations, start=1):
        if number in existing:
            if existing[number].text != text:
                existing[number].text = text
                existing[number].save(update_fields=["text"])
        else:
            advice.recommendations.create(number=number, text=text)
    advice.recommendations.filter(number__gt=len(recommendations)).delete()
    AdviceVersion.objects.create(
        advice=advice,
        number=advice.version,
        introduction=advice.introduction,
        way_of_working=advice.way_of_working,
        considerations=advice.considerations,
        recommendations=list(recommendations),
        by=by,
    )
    return advice


@transaction.atomic
def comment_add(
    *,
    advice: Advice,
    by: User,
    section: str,
    text: str,
    recommendation: Recommendation | int | None = None,
) -> Comment:
    """A comment on one section of the draft, or on one of its recommendations.

    The advice is locked so that a comment cannot land on a recommendation that a
    draft saved at the same moment removes.
    """
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    if advice.frozen:
        raise ValidationError(_("The plenary adopted this advice: comments are closed."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write your comment.")})
    if section not in Comment.Section.values:
        raise ValidationError({"section": _("Choose the part of the draft you comment on.")})
    if section == Comment.Section.RECOMMENDATION:
        pk = recommendation.pk if isinstance(recommendation, Recommendation) else recommendation
        recommendation = advice.recommendations.filter(pk=pk).first() if pk else None
        if recommendation is None:
            raise ValidationError(
                _("This recommendation is no longer in the draft; reload the page.")
            )
    else:
        recommendation = None
    comment = Comment(
        advice=advice, section=section, recommendation=recommendation, author=by, text=text
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def advice_mark_ready(*, advice: Advice, by: User) -> Advice:
    """The project group hands the draft to the plenary, which then adopts it (S5)."""
    advice = Advice.objects.select_for_update().select_related("trajectory").get(pk=advice.pk)
    if advice.frozen:
        raise ValidationError(_("The plenary adopted this advice: it can no longer change."))
    if advice.trajectory.status != Status.DRAFTING:
        raise ValidationError(
            _("This trajectory is at “%(current)s”; the draft can only be ready while drafting.")
            % {"current": advice.trajectory.get_status_display()}
        )
    if not advice.recommendations.exists():
        raise ValidationError(_("Add at least one recommendation before the plenary sees it."))
    if not advice.ready_for_plenary:
        advice.ready_for_plenary = True
        advice.save(update_fields=["ready_for_plenary"])
    return advice
