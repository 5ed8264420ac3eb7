"""The portal home's other two parts (issue 16): what is coming, and my ASDG.

Each part asks a fixed number of queries whatever the amount of data.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from asdg.kept_sql import kept_objects
from asdg.tasks import MEMBER, NOW, TODAY
from members.models import Member, TermExtensionRequest
from projectgroups.models import GroupMeeting, Participation, ProjectGroup
from steering.models import Invitation, PlenaryMeeting, Seat
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


def _plenaries():
    return meetings_for_portal(member=MEMBER, upcoming=True, now=NOW)[:COMING]


def _group_meetings():
    return (
        GroupMeeting.objects.filter(
            group__participations__member_id=MEMBER,
            group__participations__status=Participation.Status.CONFIRMED,
            starts_at__gte=NOW,
        )
        .annotate(group_name=F("group__name"))
        .order_by("starts_at", "pk")[:COMING]
    )


def coming_meetings(*, member: Member | None, now: datetime.datetime) -> list[Coming]:
    """The next plenary meetings and the next meetings of the member's project groups."""
    values = {"member": member.pk if member else None, "now": now}
    plenaries = [
        Coming(
            meeting.title,
            meeting.starts_at,
            meeting.location,
            reverse("steering_meeting:detail", args=[meeting.pk]),
            plenary=True,
            response=meeting.my_response,
        )
        for meeting in kept_objects("portal:plenaries", PlenaryMeeting, _plenaries, values)
    ]
    groups = []
    if member is not None:
        groups = [
            Coming(
                meeting.group_name,
                meeting.starts_at,
                meeting.place,
                reverse("projectgroups:detail", args=[meeting.group_id]),
                plenary=False,
            )
            for meeting in kept_objects(
                "portal:group-meetings", GroupMeeting, _group_meetings, values
            )
        ]
    return sorted(plenaries + groups, key=lambda coming: coming.starts_at)[:COMING]


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
