"""A3: what became of the advices — the college's response per recommendation, per year.

A year is the calendar year in which the advice was sent to the college. Outstanding are
the advices sent without a recorded response yet (status "sent"); every later status
passed through the recorded response (advices.services.responses).
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from advices.models import Recommendation, Status, Trajectory

Response = Recommendation.Response


@dataclass(frozen=True)
class Impact:
    year: int | None
    adopted: int = 0
    partly: int = 0
    not_adopted: int = 0
    outstanding: int = 0  # advices sent without a college response yet

    @property
    def answered(self) -> int:
        return self.adopted + self.partly + self.not_adopted

    def share(self, count: int) -> float:
        """`count` as a fraction of the answered recommendations (0 when none)."""
        return count / self.answered if self.answered else 0.0

    @property
    def parts(self) -> list[tuple[str, int]]:
        """(response, count) in the order the chart and table show them."""
        return [
            (Response.ADOPTED, self.adopted),
            (Response.PARTLY, self.partly),
            (Response.NOT_ADOPTED, self.not_adopted),
        ]


def impact_counts() -> dict:
    """A recommendation queryset's responses counted (adopted, partly, not_adopted)."""
    return {
        "adopted": Count("pk", filter=Q(response=Response.ADOPTED)),
        "partly": Count("pk", filter=Q(response=Response.PARTLY)),
        "not_adopted": Count("pk", filter=Q(response=Response.NOT_ADOPTED)),
    }


def impact_per_year(*, trajectories: QuerySet[Trajectory] | None = None) -> list[Impact]:
    """Per year sent (newest first): the college's responses and the advices awaiting one.

    `trajectories` narrows the advices counted (the public site passes the published
    ones; the annual report may pass all). Two queries, whatever the number of advices.
    """
    trajectories = Trajectory.objects.all() if trajectories is None else trajectories
    sent = trajectories.filter(sent_on__isnull=False)
    answered = (
        Recommendation.objects.filter(advice__trajectory__in=sent.values("pk"))
        .annotate(year=ExtractYear("advice__trajectory__sent_on"))
        .values("year")
        .annotate(**impact_counts())
        .order_by()
    )
    waiting = (
        sent.filter(status=Status.SENT)
        .annotate(year=ExtractYear("sent_on"))
        .values("year")
        .annotate(outstanding=Count("pk"))
        .order_by()
    )
    years: dict[int, dict] = {}
    for row in answered:
        years.setdefault(row["year"], {}).update(
            adopted=row["adopted"], partly=row["partly"], not_adopted=row["not_adopted"]
        )
    for row in waiting:
        years.setdefault(row["year"], {})["outstanding"] = row["outstanding"]
    return [Impact(year=year, **counts) for year, counts in sorted(years.items(), reverse=True)]


def impact_part(*, year: int, counts: dict | None, outstanding: bool) -> Impact | None:
    """What one sent advice adds to its year's figures: its recommendations' responses
    (`counts`, impact_counts() of them; None when it has none) and, while it awaits the
    college's response, one outstanding. None when it adds nothing, so that its year is
    not listed for it (as impact_per_year lists only years with either)."""
    if counts is None and not outstanding:
        return None
    return Impact(year=year, **(counts or {}), outstanding=int(outstanding))


def impact_per_year_of(parts) -> list[Impact]:
    """impact_per_year's figures summed from the parts (impact_part) of some advices, in
    Python: per year sent, newest first."""
    years: dict[int, list[int]] = {}
    for part in parts:
        total = years.setdefault(part.year, [0, 0, 0, 0])
        for index, count in enumerate(
            (part.adopted, part.partly, part.not_adopted, part.outstanding)
        ):
            total[index] += count
    return [Impact(year, *counts) for year, counts in sorted(years.items(), reverse=True)]


def impact_of(trajectory: Trajectory, recommendations: list[Recommendation]) -> Impact:
    """One advice's figures, from its (already fetched) recommendations: no query."""
    counts = dict.fromkeys(Response.values, 0)
    for recommendation in recommendations:
        if recommendation.response in counts:
            counts[recommendation.response] += 1
    return Impact(
        year=trajectory.sent_on.year if trajectory.sent_on else None,
        adopted=counts[Response.ADOPTED],
        partly=counts[Response.PARTLY],
        not_adopted=counts[Response.NOT_ADOPTED],
        outstanding=1 if trajectory.status == Status.SENT else 0,
    )


# --- The chart: horizontal stacked bars, one per year, drawn as server-side SVG ----------

CHART_BAR = 300  # width of a full bar (all answered recommendations of the year)
CHART_LABEL = 60  # room for the year at the left
CHART_ROW = 32  # height of one row
CHART_BAR_HEIGHT = 20


def chart(impacts: list[Impact]) -> dict:
    """Geometry of the impact chart (no inline styles: colours come from CSS classes)."""
    rows = []
    for index, impact in enumerate(impacts):
        x, segments = float(CHART_LABEL), []
        for response, count in impact.parts:
            width = round(CHART_BAR * impact.share(count), 1)
            if width:
                segments.append(
                    {
                        "response": response,
                        "label": Response(response).label,
                        "count": count,
                        "x": x,
                        "width": width,
                    }
                )
            x += width
        top = index * CHART_ROW
        rows.append(
            {
                "impact": impact,
                "top": top,
                "text_y": top + CHART_BAR_HEIGHT - 5,
                "segments": segments,
                "end": x + 8,
            }
        )
    return {
        "rows": rows,
        "width": CHART_LABEL + CHART_BAR + 120,
        "height": max(len(rows), 1) * CHART_ROW,
        "bar_height": CHART_BAR_HEIGHT,
    }
