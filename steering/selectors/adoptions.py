"""S5: the plenary decisions that can adopt an advice, as the trajectory's flow offers them
(issue 18.1)."""

from django.db.models import Count, OuterRef, QuerySet, Subquery

from advices.models import Trajectory
from steering.models import Decision, PlenaryMeeting


def decisions_numbered(queryset: QuerySet[Decision]) -> QuerySet[Decision]:
    """Each decision with `number`: its place among its meeting's decisions in the order
    they were recorded (1, 2, …), as the minutes name it ("besluit 3"); never the
    database id, which means nothing to a reader (issue 19.6)."""
    earlier = (
        Decision.objects.filter(meeting=OuterRef("meeting"), pk__lte=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(number=Subquery(earlier))


def meetings_carrying_draft(trajectory: Trajectory) -> QuerySet[PlenaryMeeting]:
    """The meetings, not cancelled, with an agenda item that carries the advice's draft;
    the latest first."""
    return (
        PlenaryMeeting.objects.filter(agenda__trajectory=trajectory)
        .exclude(status=PlenaryMeeting.Status.CANCELLED)
        .distinct()
        .order_by("-starts_at", "-pk")
    )


def decisions_to_adopt(trajectory: Trajectory) -> QuerySet[Decision]:
    """S5: the members' decisions that can adopt this advice: adopted, taken on the agenda
    item that carries its draft, and not yet naming an advice. Only that meeting's."""
    return decisions_numbered(
        Decision.objects.filter(
            adopted=True, trajectory__isnull=True, agenda_item__trajectory=trajectory
        )
        .exclude(meeting__status=PlenaryMeeting.Status.CANCELLED)
        .select_related("meeting", "agenda_item")
        .order_by("-meeting__starts_at", "pk")
    )
