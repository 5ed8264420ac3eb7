"""Reads about advice trajectories: the A3 reminder and the A5 capacity."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from advices.models import ORDER, Status, Trajectory

# A5: the organisation is sized for 10 to 15 advices a year.
ADVICES_PER_YEAR = (10, 15)
DEADLINE_WARNING_DAYS = 14  # A5: deadlines within two weeks are flagged
# A deadline matters until the advice has gone to the college.
BEFORE_SENDING = ORDER[: ORDER.index(Status.SENT)]


def response_reminder_cutoff(*, today: datetime.date) -> datetime.date:
    """A3: an advice sent before this date without a college response is overdue."""
    return today - datetime.timedelta(weeks=settings.ASDG_RESPONSE_REMINDER_WEEKS)


def response_overdue(trajectory: Trajectory, *, today: datetime.date) -> bool:
    return (
        trajectory.status == Status.SENT
        and trajectory.sent_on is not None
        and trajectory.sent_on < response_reminder_cutoff(today=today)
    )


def trajectories_awaiting_response(*, today: datetime.date) -> QuerySet[Trajectory]:
    """A3: sent advices whose college response is more than the reminder time late."""
    return Trajectory.objects.filter(
        status=Status.SENT, sent_on__lt=response_reminder_cutoff(today=today)
    ).order_by("sent_on")


def advices_in_year(*, year: int) -> QuerySet[Trajectory]:
    """A5: the trajectories received in `year`, withdrawn ones not counted."""
    return Trajectory.objects.filter(received_on__year=year).exclude(status=Status.WITHDRAWN)


@dataclass(frozen=True)
class Capacity:
    year: int
    count: int
    minimum: int = ADVICES_PER_YEAR[0]
    maximum: int = ADVICES_PER_YEAR[1]

    @property
    def over(self) -> bool:
        return self.count > self.maximum


def advice_capacity(*, year: int) -> Capacity:
    """A5: this year's advices against the 10–15 the group is sized for."""
    return Capacity(year=year, count=advices_in_year(year=year).count())


def deadlines_within(
    *, today: datetime.date, days: int = DEADLINE_WARNING_DAYS
) -> QuerySet[Trajectory]:
    """A5: trajectories not yet sent whose deadline falls within `days` (or has passed)."""
    return Trajectory.objects.filter(
        status__in=BEFORE_SENDING,
        deadline__isnull=False,
        deadline__lte=today + datetime.timedelta(days=days),
    ).order_by("deadline")
