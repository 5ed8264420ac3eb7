"""Reads for the public site (A4): only published advices, in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from advices.models import ADOPTED_OR_LATER, Attachment, Recommendation, Status, Trajectory
from members.models import Theme

LAWS = {
    "wmo": "law_wmo",
    "jeugdwet": "law_youth",
    "participatiewet": "law_participation",
}
PUBLIC_STATUSES = [status for status in ADOPTED_OR_LATER if status != Status.WITHDRAWN]


def published_advices() -> QuerySet[Trajectory]:
    """A4: the advices on the website, newest publication first, with what a list shows."""
    return (
        Trajectory.objects.published()
        .select_related("advice")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "name")))
        .order_by("-published_at", "pk")
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


def published_advice(slug: str) -> Trajectory:
    """One published advice with everything its page shows, or 404 (A4: drafts never show).

    The project group (projectgroups, an app above advices) is reached through its reverse
    accessor by name only: nothing of it is imported here, and only its name is shown.
    """
    related = ["advice", "college_response"]
    if hasattr(Trajectory, "project_group"):
        related.append("project_group")
    return get_object_or_404(
        Trajectory.objects.published()
        .select_related(*related)
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("position", "name")),
            Prefetch(
                "advice__recommendations",
                queryset=Recommendation.objects.order_by("number"),
                to_attr="numbered",
            ),
            Prefetch(
                "attachments",
                queryset=Attachment.objects.filter(public=True).order_by("uploaded_at", "pk"),
                to_attr="public_attachments",
            ),
        ),
        slug=slug,
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
