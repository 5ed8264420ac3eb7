"""The readable difference between two versions of an advice's draft.

Reads only: the drafting itself (saving, comments, marking ready) is in
advices.services.drafting.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from advices.models import AdviceVersion

SECTIONS = ("introduction", "way_of_working", "considerations")


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
