"""The composition of the advisory group against the population (M1, M4): read code only.

Every selector here makes a fixed number of queries, however many members and
applications there are: the rows come in a few queries (themes prefetched) and are
counted in Python.

Privacy (DESIGN.md §4): lived experience and cultural background are GDPR art. 9 data.
Only users with `members.see_special_category_data` (the secretariat) see them, and
figures drawn from them. Everyone else, the steering group included, sees no figure of
them at all, not even a total of a large group (issue 15.6): the steering group decides
admissions and sees memberships end, so it knows who just came in or left, and any
count it saw change at that moment would be that person's answer ("born abroad" going
from 10 to 11). Rounding does not close this (a count crossing a rounding step still
moves), nor do snapshots per recruitment round (the difference between two snapshots
is the answers of those who came and went in between, one person's when only one did).
Only figures that do not depend on the answers are safe, so the steering group's page,
balance score and candidate suggestion leave them out altogether; the secretariat
tells the steering group in words what recruitment should look for.
"""

import csv
import datetime
import functools
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext_lazy

from members.models import Theme
from members.models.common import CulturalBackground
from members.models.register import Area
from members.selectors import members_sitting, membership_size
from members.services.recruitment import age_on

REFERENCE_CSV = Path(__file__).resolve().parent / "data" / "population_reference.csv"
SMALL_GROUP = 5  # DESIGN.md §4: groups under 5 are suppressed.
SPECIAL_PERMISSION = "members.see_special_category_data"

AGE_BANDS = {
    "16-24": gettext_lazy("16–24 years"),
    "25-44": gettext_lazy("25–44 years"),
    "45-64": gettext_lazy("45–64 years"),
    "65+": gettext_lazy("65 and older"),
}
# The population figure gives former Haren and lumps the rest (city, its villages and
# former Ten Boer) together, so residence is compared as "haren" against "rest".
RESIDENCE = {
    "haren": gettext_lazy("Former municipality of Haren"),
    "rest": gettext_lazy("Rest of the municipality (city, its villages and former Ten Boer)"),
}
RESIDENCE_SHORT = {
    "haren": gettext_lazy("former Haren"),
    "rest": gettext_lazy("rest of the municipality"),
}
BACKGROUND = {
    "born_netherlands": gettext_lazy("Born in the Netherlands"),
    "born_abroad": gettext_lazy("Born abroad"),
}
SCORE_PARTS = {
    "age": gettext_lazy("Age"),
    "residence": gettext_lazy("Residence"),
    "knowledge": gettext_lazy("Knowledge themes covered"),
    "cultural_background": gettext_lazy("Cultural background"),
    "experience": gettext_lazy("Lived-experience themes covered"),
}
BORN_ABROAD = {CulturalBackground.EUROPE, CulturalBackground.OUTSIDE_EUROPE}


@dataclass(frozen=True)
class Reference:
    shares: dict[str, float]
    sources: list[str]
    year: str


@functools.cache
def population_reference() -> dict[str, Reference]:
    """The shipped population figures (members/data/population_reference.csv), per dimension."""
    rows: dict[str, dict] = {}
    with REFERENCE_CSV.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            entry = rows.setdefault(row["dimension"], {"shares": {}, "sources": [], "year": ""})
            entry["shares"][row["category"]] = float(row["share"])
            if row["source"] not in entry["sources"]:
                entry["sources"].append(row["source"])
            entry["year"] = entry["year"] or row["year"]
    return {dimension: Reference(**entry) for dimension, entry in rows.items()}


@dataclass(frozen=True)
class Person:
    """What M4 weighs of one member or applicant."""

    age_band: str
    residence: str  # "haren" or "rest": what the population figure distinguishes
    district: str
    background: str  # "" when not given (or not for this viewer's eyes)
    knowledge: frozenset[int] = field(default_factory=frozenset)
    experience: frozenset[int] = field(default_factory=frozenset)


def age_band(date_of_birth: datetime.date, today: datetime.date) -> str:
    age = age_on(date_of_birth, today)
    if age < 25:
        return "16-24"
    if age < 45:
        return "25-44"
    if age < 65:
        return "45-64"
    return "65+"


def background_category(value: str) -> str:
    if not value:
        return ""
    return "born_abroad" if value in BORN_ABROAD else "born_netherlands"


def _theme_fields(special: bool) -> list[str]:
    return ["knowledge_themes", "experience_themes"] if special else ["knowledge_themes"]


def _person(row, today: datetime.date, *, special: bool) -> Person:
    """A member or application as a Person; special-category data only when `special`."""
    area = row.postcode_area.area
    return Person(
        age_band=age_band(row.date_of_birth, today),
        residence="haren" if area == Area.HAREN else "rest",
        district=row.postcode_area.district,
        background=background_category(row.cultural_background) if special else "",
        knowledge=frozenset(theme.pk for theme in row.knowledge_themes.all()),
        experience=frozenset(theme.pk for theme in row.experience_themes.all())
        if special
        else frozenset(),
    )


def sitting_members(*, today: datetime.date, special: bool) -> list[Person]:
    """Members sitting today (members.selectors.members_sitting) as Persons: two or three
    queries.

    Without `special`, cultural background and lived experience stay in the database.
    """
    rows = (
        members_sitting(on=today)
        .select_related("postcode_area")
        .prefetch_related(*_theme_fields(special))
    )
    return [_person(row, today, special=special) for row in rows]


def active_themes() -> list[Theme]:
    return list(Theme.objects.filter(active=True))


# --- Counting and scoring --------------------------------------------------------


def distribution(people: list[Person], attribute: str, categories) -> dict[str, int]:
    counts = dict.fromkeys(categories, 0)
    for person in people:
        value = getattr(person, attribute)
        if value in counts:
            counts[value] += 1
    return counts


def dimension_score(counts: dict[str, int], shares: dict[str, float]) -> float | None:
    """1 − ½ Σ |member share − population share| (1 = a perfect mirror, 0 = none alike)."""
    total = sum(counts.values())
    if not total:
        return None
    return 1 - sum(abs(counts.get(c, 0) / total - p) for c, p in shares.items()) / 2


def coverage(people: list[Person], attribute: str, themes: list[Theme]) -> float | None:
    """The share of active themes that at least one person covers."""
    if not themes:
        return None
    covered = set().union(*(getattr(person, attribute) for person in people))
    return sum(theme.pk in covered for theme in themes) / len(themes)


def score_parts(people: list[Person], themes: list[Theme], *, special: bool) -> dict[str, float]:
    """The parts the balance score averages, each 0–1; special-category parts only if asked."""
    reference = population_reference()
    parts = {
        "age": dimension_score(
            distribution(people, "age_band", AGE_BANDS), reference["age"].shares
        ),
        "residence": dimension_score(
            distribution(people, "residence", RESIDENCE), reference["residence"].shares
        ),
        "knowledge": coverage(people, "knowledge", themes),
    }
    if special:
        parts["cultural_background"] = dimension_score(
            distribution(people, "background", BACKGROUND),
            reference["cultural_background"].shares,
        )
        parts["experience"] = coverage(people, "experience", themes)
    return {name: value for name, value in parts.items() if value is not None}


def balance_score(people: list[Person], themes: list[Theme], *, special: bool) -> float:
    """M4 balance score, 0–100: 100 × the average of the parts of `score_parts`.

    For age, residence and (secretariat only) cultural background, a part is
    1 − ½ Σ |member share − population share| over the groups of that dimension.
    For knowledge and (secretariat only) lived experience, a part is the share of the
    active themes at least one sitting member covers. Special-category data only
    counts for those who may see it, so the steering group's score cannot leak it.
    """
    parts = score_parts(people, themes, special=special)
    return 100 * sum(parts.values()) / len(parts) if parts else 0.0


# --- Tables, with small groups suppressed -----------------------------------------


@dataclass
class Row:
    label: str
    count: int | None  # None: suppressed
    share: float | None  # percent of sitting members; None when suppressed
    population: float | None = None  # percent, when there is a reference
    # Hidden only to protect another, small cell (complementary suppression): the group
    # itself is not small, so it must not be labelled "< 5" (DESIGN.md §4).
    complementary: bool = False

    @property
    def suppressed(self) -> bool:
        return self.count is None


def suppressed_cells(counts: dict[str, int], *, total_shown: bool) -> set[str]:
    """Cells under SMALL_GROUP, plus one more when a shown total would give the one away."""
    hidden = {key for key, count in counts.items() if count < SMALL_GROUP}
    if total_shown and len(hidden) == 1 and len(counts) > 1:
        smallest = min((count, key) for key, count in counts.items() if key not in hidden)
        hidden.add(smallest[1])
    return hidden


def table(counts, labels, *, total: int, shares=None, hidden=frozenset()) -> list[Row]:
    rows = []
    for key, count in counts.items():
        shown = key not in hidden
        rows.append(
            Row(
                label=str(labels.get(key, key)),
                count=count if shown else None,
                share=100 * count / total if shown and total else (0.0 if shown else None),
                population=100 * shares[key] if shares and key in shares else None,
                complementary=not shown and count >= SMALL_GROUP,
            )
        )
    return rows


def theme_counts(people: list[Person], attribute: str, themes: list[Theme]) -> dict[int, int]:
    counts = {theme.pk: 0 for theme in themes}
    for person in people:
        for pk in getattr(person, attribute) & counts.keys():
            counts[pk] += 1
    return counts


def _uncovered(themes: list[Theme], counts: dict[int, int]) -> list[str]:
    return [theme.name for theme in themes if not counts.get(theme.pk)]


def _background_table(counts: dict[str, int]) -> list[Row]:
    """Cultural background (M4), compared over the members who gave it (secretariat)."""
    given = {key: counts[key] for key in BACKGROUND}
    return table(
        given,
        BACKGROUND,
        total=sum(given.values()),
        shares=population_reference()["cultural_background"].shares,
    )


def composition_overview(*, special: bool, people: list[Person], themes: list[Theme]) -> dict:
    """Everything the composition page shows (M1, M4) for a viewer with or without the
    right to see special-category data. Without it, nothing drawn from lived experience
    or cultural background (see the module's docstring): not even totals."""
    reference = population_reference()
    total = len(people)
    size = membership_size(sitting=total)
    names = {theme.pk: theme.name for theme in themes}
    knowledge = theme_counts(people, "knowledge", themes)
    districts = distribution(people, "district", sorted({p.district for p in people}))
    overview = {
        "special": special,
        "sitting": total,
        "target": size.target,
        "gap": size.gap,  # M1: about the target; the state says below, around or above
        "size": size,
        "score": balance_score(people, themes, special=special),
        "score_parts": [
            (SCORE_PARTS[name], 100 * value)
            for name, value in score_parts(people, themes, special=special).items()
        ],
        "reference": reference,
        "age": table(
            distribution(people, "age_band", AGE_BANDS),
            AGE_BANDS,
            total=total,
            shares=reference["age"].shares,
        ),
        "residence": table(
            distribution(people, "residence", RESIDENCE),
            RESIDENCE,
            total=total,
            shares=reference["residence"].shares,
        ),
        # Districts are not special-category data, but small groups could identify people.
        "districts": table(
            districts,
            {},
            total=total,
            hidden=set() if special else suppressed_cells(districts, total_shown=True),
        ),
        "knowledge": table(knowledge, names, total=total),
        "uncovered_knowledge": _uncovered(themes, knowledge),
        "experience": None,
        "uncovered_experience": [],
        "background": None,
        "background_not_given": None,
    }
    if special:
        experience = theme_counts(people, "experience", themes)
        background = distribution(people, "background", [*BACKGROUND, ""])
        overview |= {
            "experience": table(experience, names, total=total),
            "uncovered_experience": _uncovered(themes, experience),
            "background": _background_table(background),
            "background_not_given": background[""],
        }
    return overview
