"""The ranked candidate suggestion in a round (M4); the steering group decides (M3).

For users without `members.see_special_category_data` it leaves lived experience and
cultural background out altogether (members.composition explains why).
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from members.composition import (
    AGE_BANDS,
    BACKGROUND,
    RESIDENCE,
    RESIDENCE_SHORT,
    Person,
    _person,
    _theme_fields,
    balance_score,
    distribution,
    population_reference,
    theme_counts,
)
from members.models import Application, RecruitmentRound, Theme
from members.models.common import IncompatibilityAnswers


@dataclass
class Suggestion:
    application: Application
    delta: float
    covers: list[str]
    covers_experience: list[str]
    reasons: list[str]

    @property
    def signed_delta(self) -> str:
        value = round(self.delta, 1)
        return ("+" if value >= 0 else "−") + number_format(abs(value), 1)


def pending_eligible_applications(*, round: RecruitmentRound, special: bool) -> list[Application]:
    """Pending applications in the round that anyone could admit (M5): three queries."""
    rows = (
        Application.objects.filter(round=round, decision=Application.Decision.PENDING)
        .filter(IncompatibilityAnswers.compatible_q())
        .select_related("postcode_area")
        .prefetch_related(*_theme_fields(special))
        .order_by("submitted_at")
    )
    return [row for row in rows if row.is_eligible]


def _under_represented(people: list[Person], attribute: str, categories, shares) -> set[str]:
    counts = distribution(people, attribute, categories)
    total = sum(counts.values())
    return {c for c, p in shares.items() if (counts[c] / total if total else 0) < p}


def candidate_suggestions(
    *,
    round: RecruitmentRound,
    people: list[Person],
    themes: list[Theme],
    special: bool,
    today: datetime.date,
) -> list[Suggestion]:
    """Pending, eligible applications ranked by how much each would raise the balance
    score, with the reasons in words. A suggestion only: the steering group decides (M3).

    Without `special`, neither the ranking nor the reasons use lived experience or
    cultural background, so they cannot reveal a candidate's.
    """
    reference = population_reference()
    base = balance_score(people, themes, special=special)
    theme_names = {theme.pk: theme.name for theme in themes}
    missing_knowledge = {pk for pk, n in theme_counts(people, "knowledge", themes).items() if not n}
    missing_experience = {
        pk for pk, n in theme_counts(people, "experience", themes).items() if not n
    }
    under = {
        "age": _under_represented(people, "age_band", AGE_BANDS, reference["age"].shares),
        "residence": _under_represented(
            people, "residence", RESIDENCE, reference["residence"].shares
        ),
        "background": _under_represented(
            people, "background", BACKGROUND, reference["cultural_background"].shares
        ),
    }
    suggestions = []
    for application in pending_eligible_applications(round=round, special=special):
        candidate = _person(application, today, special=special)
        delta = balance_score([*people, candidate], themes, special=special) - base
        covers = [
            theme_names[pk] for pk in theme_names if pk in candidate.knowledge & missing_knowledge
        ]
        covers_experience = [
            theme_names[pk] for pk in theme_names if pk in candidate.experience & missing_experience
        ]
        reasons = []
        if candidate.residence in under["residence"]:
            reasons.append(
                _("lives in %(district)s (%(area)s, under-represented)")
                % {"district": candidate.district, "area": RESIDENCE_SHORT[candidate.residence]}
            )
        if candidate.age_band in under["age"]:
            reasons.append(
                _("age %(band)s (under-represented)") % {"band": AGE_BANDS[candidate.age_band]}
            )
        if special and candidate.background in under["background"]:
            reasons.append(
                _("%(background)s (under-represented)")
                % {"background": BACKGROUND[candidate.background]}
            )
        suggestions.append(Suggestion(application, delta, covers, covers_experience, reasons))
    suggestions.sort(
        key=lambda s: (-round_score(s.delta), -len(s.covers) - len(s.covers_experience))
    )
    return suggestions


def round_score(value: float) -> float:
    # Float noise must not reorder candidates whose effect is the same.
    return round(value, 6)
