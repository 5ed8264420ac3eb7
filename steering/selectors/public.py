"""The public meeting calendar at /bijeenkomsten/ (issue 17.3): a few queries per page,
whatever the number of meetings, items, papers or decisions."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from steering.models import Decision, PlenaryMeeting

PAST_ON_THE_CALENDAR = 30


def calendar_meetings(
    *, now: datetime.datetime | None = None
) -> tuple[list[PlenaryMeeting], list[PlenaryMeeting]]:
    """The coming and the past meetings that are not cancelled. A non-public meeting is on
    the calendar too, but its page shows only the date and "besloten" (the template)."""
    now = now or timezone.now()
    meetings = PlenaryMeeting.objects.exclude(status=PlenaryMeeting.Status.CANCELLED).only(
        "title", "starts_at", "ends_at", "location", "public", "status"
    )
    coming = list(meetings.filter(ends_at__gte=now).order_by("starts_at", "pk"))
    past = meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    past = list(past[:PAST_ON_THE_CALENDAR])
    return coming, past


def published_meetings() -> QuerySet[PlenaryMeeting]:
    """The meetings the public may read: public and not cancelled (their page, the site
    search; steering.selectors.papers.meeting_published says the same of one meeting)."""
    return PlenaryMeeting.objects.filter(public=True).exclude(
        status=PlenaryMeeting.Status.CANCELLED
    )


def public_meeting(pk: int) -> PlenaryMeeting:
    """A published meeting (public, not cancelled), else PlenaryMeeting.DoesNotExist."""
    return published_meetings().select_related("minutes_approved_at").get(pk=pk)


def decisions_list(meeting: PlenaryMeeting) -> QuerySet[Decision]:
    """The besluitenlijst (issue 17.6): the meeting's decisions in agenda order, generated
    from the decisions themselves, never typed separately."""
    return (
        Decision.objects.filter(meeting=meeting)
        .select_related("agenda_item", "trajectory")
        .order_by("agenda_item__position", "pk")
    )
