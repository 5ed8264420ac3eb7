"""The portal home's other two parts (issue 16): what is coming, and my ASDG.

Each part asks a fixed number of queries whatever the amount of data.
"""

import datetime
from dataclasses import dataclass

from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from asdg.kept_sql import kept_objects, kept_rows
from asdg.tasks import MEMBER, NOW, TODAY
from members.models import Member, TermExtensionRequest
from projectgroups.models import GroupMeeting, Participation, ProjectGroup
from steering.models import Invitation, Seat
from steering.selectors.governance import seats_held_on
from steering.selectors.meetings import meetings_for_portal

COMING = 5  # meetings shown under "Coming up"; the meetings page has the rest


@dataclass(frozen=True)
class Coming:
    title: str
    starts_at: datetime.datetime
    place: str
    url: str
    plenary: bool
    response: str | None = None  # the member's answer to a plenary invitation; None: not invited


def _coming():
    """The next plenary meetings and the next meetings of the member's project groups, in
    one UNION ALL (a member of None has no group meetings and no answers)."""
    columns = ("plenary", "pk", "title", "starts_at", "place", "target", "response")

    def coming(queryset, **select):
        return queryset.annotate(
            **{f"coming_{name}": value for name, value in select.items()}
        ).values(*(f"coming_{name}" for name in columns))

    plenaries = coming(
        meetings_for_portal(member=MEMBER, upcoming=True, now=NOW),
        plenary=Value(True), pk=F("pk"), title=F("title"), starts_at=F("starts_at"),
        place=F("location"), target=F("pk"), response=F("my_response"),
    )  # fmt: skip
    group_meetings = coming(
        GroupMeeting.objects.filter(
            group__participations__member_id=MEMBER,
            group__participations__status=Participation.Status.CONFIRMED,
            starts_at__gte=NOW,
        ).order_by("starts_at", "pk"),
        plenary=Value(False), pk=F("pk"), title=F("group__name"), starts_at=F("starts_at"),
        place=F("place"), target=F("group_id"),
        response=Cast(Value(None), output_field=CharField()),
    )  # fmt: skip
    return plenaries[:COMING].union(group_meetings[:COMING], all=True)


def coming_meetings(*, member: Member | None, now: datetime.datetime) -> list[Coming]:
    """The next plenary meetings and the next meetings of the member's project groups;
    on the same moment the plenary first."""
    values = {"member": member.pk if member else None, "now": now}
    rows = [
        {name.removeprefix("coming_"): value for name, value in row.items()}
        for row in kept_rows("portal:coming", _coming, values)
    ]
    rows.sort(key=lambda row: (row["starts_at"], not row["plenary"], row["pk"]))
    return [
        Coming(
            row["title"],
            row["starts_at"],
            row["place"],
            reverse(
                "steering_meeting:detail" if row["plenary"] else "projectgroups:detail",
                args=[row["target"]],
            ),
            plenary=row["plenary"],
            response=row["response"],
        )
        for row in rows[:COMING]
    ]


def _my_groups():
    next_meeting = GroupMeeting.objects.filter(group=OuterRef("pk"), starts_at__gte=NOW).order_by(
        "starts_at", "pk"
    )
    return (
        ProjectGroup.objects.filter(
            participations__member_id=MEMBER,
            participations__status=Participation.Status.CONFIRMED,
            dissolved_on__isnull=True,
        )
        .annotate(
            next_at=Subquery(next_meeting.values("starts_at")[:1]),
            next_place=Subquery(next_meeting.values("place")[:1]),
        )
        .order_by("name", "pk")
        .distinct()
    )


def my_groups(*, member: Member, now: datetime.datetime) -> list[ProjectGroup]:
    """The member's project groups with their phase and next meeting (`next_at`, `next_place`)."""
    values = {"member": member.pk, "now": now}
    return kept_objects("portal:my-groups", ProjectGroup, _my_groups, values)


def _seat():
    return seats_held_on(TODAY).select_related(None).filter(member_id=MEMBER).order_by("pk")[:1]


def _pending_extension():
    return TermExtensionRequest.objects.filter(member_id=MEMBER, status="pending").order_by("pk")[
        :1
    ]


def portal_context(*, user, member: Member | None, now: datetime.datetime | None = None) -> dict:
    """Everything the portal home shows besides the tasks. Its queries are kept per
    worker (asdg.kept_sql), as the tasks' are."""
    now = now or timezone.now()
    context = {
        "coming": coming_meetings(member=member, now=now),
        "roles": sorted(group.name for group in user.groups.all()),
        "Response": Invitation.Response,
    }
    if member is not None:
        values = {"member": member.pk, "today": timezone.localdate(now)}
        pending = kept_objects("portal:extension", TermExtensionRequest, _pending_extension, values)
        seat = kept_objects("portal:seat", Seat, _seat, values)
        context |= {
            "member": member,
            "pending_extension": pending[0] if pending else None,
            "groups": my_groups(member=member, now=now),
            "seat": seat[0] if seat else None,
        }
    return context
