"""Reads for the public site (A4): only published advices, in a fixed number of queries."""

import datetime
import hashlib
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import caches
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext

from advices.impact import Impact, impact_counts, impact_part, impact_per_year_of
from advices.models import (
    ADOPTED_OR_LATER,
    Attachment,
    CollegeResponse,
    MonitoringNote,
    Recommendation,
    Status,
    Trajectory,
)
from advices.publication import PAGE_TIMEOUT, publication_version
from members.models import Theme

LAWS = {
    "wmo": "law_wmo",
    "jeugdwet": "law_youth",
    "participatiewet": "law_participation",
}
PUBLIC_STATUSES = [status for status in ADOPTED_OR_LATER if status != Status.WITHDRAWN]


# What the list and the feed show of an advice: not its search document, nor its texts.
LISTED_FIELDS = [
    "subject",
    "slug",
    "summary",
    "plain_summary",
    "kind",
    "status",
    "published_at",
    "law_wmo",
    "law_youth",
    "law_participation",
]


# What an advice's page shows of it (A4): its texts and dates, not its search document
# nor the facts of its preparation (requester, deadline, agenda item).
PAGE_FIELDS = [
    "subject",
    "slug",
    "summary",
    "plain_summary",
    "kind",
    "status",
    "received_on",
    "adopted_on",
    "sent_on",
    "law_wmo",
    "law_youth",
    "law_participation",
    "advice__introduction",
    "advice__way_of_working",
    "advice__considerations",
]
RECOMMENDATION_FIELDS = ["number", "text", "response", "response_explanation"]


def published_advices() -> QuerySet[Trajectory]:
    """A4: the advices on the website, newest publication first, with what a list shows.

    Their themes' names are in public_figures() (the list) or published_with_themes().
    """
    return Trajectory.objects.published().only(*LISTED_FIELDS).order_by("-published_at", "pk")


def published_with_themes() -> QuerySet[Trajectory]:
    """published_advices() with their themes (the feed)."""
    return published_advices().prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("name").order_by("position", "name"))
    )


def published_advices_filtered(
    *, year: int | None = None, law: str = "", theme: int | None = None, status: str = ""
) -> QuerySet[Trajectory]:
    """The published advices narrowed by the list's filters (year = year of adoption)."""
    advices = published_advices()
    if year:
        advices = advices.filter(adopted_on__year=year)
    if law in LAWS:
        advices = advices.filter(**{LAWS[law]: True})
    if theme:
        advices = advices.filter(themes=theme)
    if status in PUBLIC_STATUSES:
        advices = advices.filter(status=status)
    return advices


def published_years() -> list[int]:
    """The years of adoption that published advices have, newest first (one query)."""
    dates = Trajectory.objects.published().dates("adopted_on", "year", order="DESC")
    return [day.year for day in dates]


def published_themes() -> QuerySet[Theme]:
    """The themes that published advices carry (one query)."""
    published = Trajectory.objects.published().values("pk")
    carried = Trajectory.themes.through.objects.filter(trajectory_id__in=published)
    return Theme.objects.filter(pk__in=carried.values("theme_id")).order_by("position", "name")


@dataclass(frozen=True)
class CollegeResponseFacts:
    """What an advice's page shows of the college's response (A3)."""

    received_on: datetime.date
    council_proposal_number: str
    council_proposal_date: datetime.date
    council_proposal_url: str  # the council information system's page, or ""
    document: str  # the stored response letter's name, or "" when none was uploaded


@dataclass(frozen=True)
class PublicFigures:
    """Facts of the published advices that only a publication changes: what the list
    pages share, whatever they search, and the small facts an advice's page shows besides
    its own texts (its themes, project group and the college's response).
    """

    count: int  # published advices
    years: list[int]
    themes: list[tuple[int, str]]  # (pk, name)
    theme_names: dict[int, list[str]]  # published advice's pk -> its themes' names
    with_attachments: frozenset[int]  # the published advices with a public attachment
    with_monitoring_notes: frozenset[int]  # ... with a public note of what happened since
    project_group_names: dict[int, str]  # published advice's pk -> its project group's name
    college_responses: dict[int, CollegeResponseFacts]  # published advice's pk -> response
    impacts: list[Impact]
    # Published advice's pk -> what it adds to the impact figures (A3), for the figures of
    # a searched or filtered list without a query (advices.impact.impact_per_year_of).
    impact_parts: dict[int, Impact]

    @cached_property
    def filters_key(self) -> str:
        """What the unfiltered search form shows (its years and themes), as a fragment's
        cache key: a publication that changes neither renders it again for nothing."""
        return _digest(self.years, self.themes)

    @cached_property
    def impacts_key(self) -> str:
        """The same for the impact chart of all published advices."""
        return _digest(self.impacts)


def _digest(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def public_figures(*, version: str | None = None) -> PublicFigures:
    """The public pages' shared figures (A3, A4), computed once per publication version
    (`version`: the one the caller read already, else read here).

    Kept in this worker's "local" cache under the version: three queries when it changed
    (or a scheduled publication date may have come: PAGE_TIMEOUT), none otherwise, so a
    list page searched or filtered for the first time pays only for its own advices.
    """
    key = f"advices:figures:{version or publication_version()}"
    figures = caches["local"].get(key)
    if figures is None:
        figures = _figures_made()
        caches["local"].set(key, figures, PAGE_TIMEOUT)
    return figures


def _figures_made() -> PublicFigures:
    """Three queries: the published advices with their one-to-one facts, their themes,
    and their recommendations' responses counted per advice."""
    published = Trajectory.objects.published()
    advices = list(published.values(*_FACTS, **_facts_annotated()).order_by())
    theme_names: dict[int, list[str]] = {}
    themes: dict[int, str] = {}  # in order of position and name
    for trajectory_id, theme_id, name in (
        Trajectory.themes.through.objects.filter(trajectory__in=published)
        .order_by("theme__position", "theme__name", "theme_id")
        .values_list("trajectory_id", "theme_id", "theme__name")
    ):
        theme_names.setdefault(trajectory_id, []).append(name)
        themes.setdefault(theme_id, name)
    return PublicFigures(
        count=len(advices),
        years=sorted({row["adopted_on"].year for row in advices if row["adopted_on"]})[::-1],
        themes=list(themes.items()),
        theme_names=theme_names,
        with_attachments=frozenset(row["pk"] for row in advices if row["has_attachment"]),
        with_monitoring_notes=frozenset(row["pk"] for row in advices if row["has_note"]),
        project_group_names={
            row["pk"]: row["project_group__name"]
            for row in advices
            if row.get("project_group__name") is not None
        },
        college_responses={
            row["pk"]: CollegeResponseFacts(*(row[f"college_response__{f}"] for f in _RESPONSE))
            for row in advices
            if row["college_response__received_on"] is not None
        },
        **_impacts(published, advices),
    )


_RESPONSE = [
    "received_on",
    "council_proposal_number",
    "council_proposal_date",
    "council_proposal_url",
    "document",
]
_FACTS = ["pk", "adopted_on", "sent_on", "status", *(f"college_response__{f}" for f in _RESPONSE)]


def _facts_annotated() -> dict:
    """The flags of public attachments and notes; the project group (projectgroups, an
    app above advices) is reached through its reverse accessor by name only: nothing of
    it is imported here, only its name read."""
    facts = {
        "has_attachment": Exists(Attachment.objects.filter(trajectory=OuterRef("pk"), public=True)),
        "has_note": Exists(MonitoringNote.objects.filter(trajectory=OuterRef("pk"), public=True)),
    }
    if hasattr(Trajectory, "project_group"):
        facts["project_group__name"] = F("project_group__name")
    return facts


def _impacts(published: QuerySet[Trajectory], advices: list[dict]) -> dict:
    """The impact figures (A3) per year and per advice, as impact_per_year counts them."""
    answered = {
        row.pop("trajectory_id"): row
        for row in Recommendation.objects.filter(advice__trajectory__in=published)
        .values(trajectory_id=F("advice__trajectory_id"))
        .annotate(**impact_counts())
        .order_by()
    }
    parts = {}
    for row in advices:
        if row["sent_on"] is None:
            continue
        part = impact_part(
            year=row["sent_on"].year,
            counts=answered.get(row["pk"]),
            outstanding=row["status"] == Status.SENT,
        )
        if part is not None:
            parts[row["pk"]] = part
    return {"impact_parts": parts, "impacts": impact_per_year_of(parts.values())}


def published_advice(slug: str) -> Trajectory:
    """One published advice with its letter and its recommendations (`advice.numbered`),
    or 404 (A4: drafts never show): what the advice letter (PDF) prints."""
    trajectory = get_object_or_404(
        Trajectory.objects.published().select_related("advice").defer("search_document"),
        slug=slug,
    )
    trajectory.advice.numbered = list(
        Recommendation.objects.filter(advice_id=trajectory.advice.pk).order_by("number")
    )
    return trajectory


def published_advice_page(slug: str, *, figures: PublicFigures) -> Trajectory:
    """One published advice as its page shows it, or 404 (A4: drafts never show).

    Two plain queries: the advice with its letter (PAGE_FIELDS only) and its
    recommendations (`advice.numbered`); a third for its public attachments
    (`public_attachments`), only when `figures` (public_figures()) say it has any. Its
    themes, its project group's name and the college's response are in `figures`.
    """
    trajectory = get_object_or_404(
        Trajectory.objects.published().select_related("advice").only(*PAGE_FIELDS),
        slug=slug,
    )
    trajectory.advice.numbered = list(
        Recommendation.objects.filter(advice_id=trajectory.advice.pk)
        .order_by("number")
        .only(*RECOMMENDATION_FIELDS)
    )
    trajectory.public_attachments = (
        list(
            Attachment.objects.filter(trajectory=trajectory, public=True).order_by(
                "uploaded_at", "pk"
            )
        )
        if trajectory.pk in figures.with_attachments
        else []
    )
    # Issue 19.1: what happened since, newest first; a query only when there is some.
    trajectory.public_monitoring_notes = (
        list(
            MonitoringNote.objects.filter(trajectory=trajectory, public=True).order_by(
                "-noted_on", "-pk"
            )
        )
        if trajectory.pk in figures.with_monitoring_notes
        else []
    )
    return trajectory


def published_appendices(trajectory: Trajectory) -> list[str]:
    """The titles the advice letter lists as appendices: its public attachments and the
    college's response letter (A3). A query only when public_figures() says there are
    attachments."""
    figures = public_figures()
    titles = []
    if trajectory.pk in figures.with_attachments:
        titles += (
            Attachment.objects.filter(trajectory=trajectory, public=True)
            .order_by("uploaded_at", "pk")
            .values_list("title", flat=True)
        )
    response = figures.college_responses.get(trajectory.pk)
    if response is not None and response.document:
        with translation.override("nl"):
            titles.append(
                gettext("Response of the college (council proposal %(number)s)")
                % {"number": response.council_proposal_number}
            )
    return titles


def published_response_letter(*, slug: str) -> CollegeResponse:
    """The college's response letter of a published advice (A3, A4), or 404."""
    return get_object_or_404(
        CollegeResponse.objects.filter(
            trajectory__in=Trajectory.objects.published().values("pk")
        ).exclude(document=""),
        trajectory__slug=slug,
    )


def published_attachment(*, slug: str, pk: int) -> Attachment:
    """A public attachment of a published advice, or 404."""
    return get_object_or_404(
        Attachment.objects.filter(
            public=True, trajectory__in=Trajectory.objects.published().values("pk")
        ),
        trajectory__slug=slug,
        pk=pk,
    )
