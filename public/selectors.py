"""Reads for the public site: published news and pages, the about page, the newsletter."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from advices.models import Trajectory
from members.composition import AGE_BANDS, Row, age_band, suppressed_cells, table
from members.models import RecruitmentRound
from members.models.register import Area
from members.selectors import members_sitting
from members.services import round_next_after, round_open_on
from public.models import NewsItem, Newsletter, Page
from steering.models import SeatRole, Task
from steering.selectors.governance import seats_held_on

# The about page's own text: the page with this slug, shown at /over-ons/ itself.
ABOUT_SLUG = "wie-we-zijn"
AREAS = {
    Area.CITY: gettext_lazy("City of Groningen and its villages"),
    Area.HAREN: gettext_lazy("Former municipality of Haren"),
    Area.TEN_BOER: gettext_lazy("Former municipality of Ten Boer"),
}
ROLE_ORDER = [SeatRole.CHAIR, SeatRole.SECRETARY, SeatRole.TREASURER, SeatRole.MEMBER]


def news_published() -> QuerySet[NewsItem]:
    """Published news, newest first; drafts and scheduled items stay out."""
    return NewsItem.objects.published().order_by("-publish_at", "-pk")


def news_latest(*, limit: int = 3) -> list[NewsItem]:
    return list(news_published().only("title", "slug", "summary", "publish_at")[:limit])


def pages_published() -> QuerySet[Page]:
    return Page.objects.published()


def pages_in_menu() -> list[Page]:
    return list(pages_published().filter(menu_position__gt=0).only("title", "slug"))


# --- The about page ------------------------------------------------------------


@dataclass(frozen=True)
class SteeringMember:
    name: str
    role: str
    tasks: list[str]


def steering_group_on(day: datetime.date) -> list[SteeringMember]:
    """Names and roles of the seat holders (public, unlike the rest of the register)."""
    seats = sorted(
        seats_held_on(day), key=lambda seat: (ROLE_ORDER.index(seat.role), seat.member.last_name)
    )
    return [
        SteeringMember(
            name=str(seat.member),
            role=seat.get_role_display(),
            tasks=[str(Task(value).label) for value in seat.tasks],
        )
        for seat in seats
    ]


@dataclass(frozen=True)
class PublicComposition:
    """The composition in aggregate: no special-category data, small groups suppressed."""

    sitting: int
    target: int
    areas: list[Row]
    ages: list[Row]


def composition_public(*, today: datetime.date) -> PublicComposition:
    """Sitting members by part of the municipality and by age band (M4, DESIGN.md §4).

    Only these two dimensions: never cultural background or lived experience. A group
    under members.composition.SMALL_GROUP shows as "< 5"; one more is hidden when the
    shown total would give the small one away, and shows as "hidden" with a footnote.
    Two queries, however many members.
    """
    sitting = members_sitting(on=today)  # the one rule of who sits
    areas = dict.fromkeys(AREAS, 0)
    for area, n in sitting.values_list("postcode_area__area").annotate(n=Count("pk")):
        if area in areas:
            areas[area] += n
    ages = dict.fromkeys(AGE_BANDS, 0)
    for date_of_birth in sitting.values_list("date_of_birth", flat=True):
        ages[age_band(date_of_birth, today)] += 1
    total = sum(areas.values())
    return PublicComposition(
        sitting=total,
        target=settings.ASDG_TARGET_MEMBERS,
        areas=table(areas, AREAS, total=total, hidden=suppressed_cells(areas, total_shown=True)),
        ages=table(
            ages,
            AGE_BANDS,
            total=sum(ages.values()),
            hidden=suppressed_cells(ages, total_shown=True),
        ),  # fmt: skip
    )


def recruitment_round_for(day: datetime.date) -> tuple[RecruitmentRound | None, bool]:
    """The open round (and True), else the next one (and False), else (None, False) (M2)."""
    current = round_open_on(day)
    if current is not None:
        return current, True
    return round_next_after(day), False


# --- The newsletter ------------------------------------------------------------


def newsletter_last_queued() -> Newsletter | None:
    return Newsletter.objects.filter(queued_at__isnull=False).order_by("-queued_at").first()


def newsletter_candidates(*, now=None) -> tuple[QuerySet[Trajectory], QuerySet[NewsItem]]:
    """Advices and news published since the last newsletter went out (all, if none did)."""
    now = now or timezone.now()
    last = newsletter_last_queued()
    advices = Trajectory.objects.filter(published_at__isnull=False, published_at__lte=now)
    news = NewsItem.objects.published(now=now)
    if last is not None:
        advices = advices.filter(published_at__gt=last.queued_at)
        news = news.filter(publish_at__gt=last.queued_at)
    return advices.order_by("-published_at"), news.order_by("-publish_at")
