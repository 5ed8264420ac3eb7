"""Seats, elections and the retirement schedule (S1–S4)."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from steering.models import Seat


def seats_held_on(day: datetime.date | None = None) -> QuerySet[Seat]:
    """The seats held on a day: started, within their term, not ended early (S1)."""
    day = day or timezone.localdate()
    return (
        Seat.objects.filter(starts_on__lte=day, term_end__gte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        .select_related("member")
    )
