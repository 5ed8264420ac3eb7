"""Drafting the advice together: comments, marking ready, and the difference between versions.

Who may do this is decided by the caller (the project group knows its members); this
module holds the rules of the advice itself, so it imports no app above advices.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from advices.models import Advice, AdviceVersion, Comment, Recommendation, Status
from members.models import User

SECTIONS = ("introduction", "way_of_working", "considerations")


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


# --- The readable difference between two versions -------------------------------------


@dataclass
class Change:
    """One part of a compared text: kept ("equal"), removed ("delete") or added ("insert")."""

    kind: str
    text: str


@dataclass
class ComparedText:
    label: str
    changes: list[Change] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(change.kind != "equal" for change in self.changes)


# A word with the spaces after it, so a removed word takes its space along.
_TOKENS = re.compile(r"\S+[^\S\n]*|\n|[^\S\n]+")


def words_diff(old: str, new: str) -> list[Change]:
    """The difference word by word; line breaks count as words so paragraphs stay apart."""
    old_words, new_words = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            changes.append(Change("delete", "".join(old_words[i1:i2])))
        if tag in ("insert", "replace"):
            changes.append(Change("insert", "".join(new_words[j1:j2])))
        if tag == "equal":
            changes.append(Change("equal", "".join(old_words[i1:i2])))
    return changes


def version_previous(version: AdviceVersion) -> AdviceVersion | None:
    """The version before this one, if it was kept (the empty start, version 1, is not)."""
    return AdviceVersion.objects.filter(advice=version.advice, number=version.number - 1).first()


def versions_compare(
    *, old: AdviceVersion | None, new: AdviceVersion
) -> tuple[list[ComparedText], list[ComparedText]]:
    """Per section and per recommendation (by number), what changed from `old` to `new`.

    Without an earlier version the draft is compared with the empty start.
    """
    sections = [
        ComparedText(
            label=str(AdviceVersion._meta.get_field(name).verbose_name),
            changes=words_diff(getattr(old, name, ""), getattr(new, name)),
        )
        for name in SECTIONS
    ]
    old_recommendations = list(old.recommendations) if old else []
    new_recommendations = list(new.recommendations)
    count = max(len(old_recommendations), len(new_recommendations))
    recommendations = [
        ComparedText(
            label=_("Recommendation %(number)s") % {"number": number},
            changes=words_diff(
                old_recommendations[number - 1] if number <= len(old_recommendations) else "",
                new_recommendations[number - 1] if number <= len(new_recommendations) else "",
            ),
        )
        for number in range(1, count + 1)
    ]
    return sections, recommendations
