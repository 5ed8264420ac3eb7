"""The portal home's other two parts (issue 16): what is coming, and my ASDG.

Each part asks a fixed number of queries whatever the amount of data.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from members.models import Member
from projectgroups.models import GroupMeeting, Participation, ProjectGroup
from steering.models import Invitation
from steering.selectors.governance import seat_of
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


def coming_meetings(*, member: Member | None, now: datetime.datetime) -> list[Coming]:
    """The next plenary meetings and the next meetings of the member's project groups."""
    plenaries = [
        Coming(
            meeting.title,
            meeting.starts_at,
            meeting.location,
            reverse("steering_meeting:detail", args=[meeting.pk]),
            plenary=True,
            response=getattr(meeting, "my_response", None),
        )
        for meeting in meetings_for_portal(member=member, upcoming=True, now=now)[:COMING]
    ]
    groups = []
    if member is not None:
        group_meetings = GroupMeeting.objects.filter(
            group__participations__member=member,
            group__participations__status=Participation.Status.CONFIRMED,
            starts_at__gte=now,
        ).select_related("group")
        groups = [
            Coming(
                meeting.group.name,
                meeting.starts_at,
                meeting.place,
                reverse("projectgroups:detail", args=[meeting.group_id]),
                plenary=False,
            )
            for meeting in group_meetings.order_by("starts_at", "pk")[:COMING]
        ]
    return sorted(plenaries + groups, key=lambda coming: coming.starts_at)[:COMING]


def my_groups(*, member: Member, now: datetime.datetime) -> list[ProjectGroup]:
    """The member's project groups with their phase and next meeting (`next_at`, `next_place`)."""
    next_meeting = GroupMeeting.objects.filter(group=OuterRef("pk"), starts_at__gte=now).order_by(
        "starts_at", "pk"
    )
    return list(
        ProjectGroup.objects.filter(
            participations__member=member,
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


def portal_context(*, user, member: Member | None, now: datetime.datetime | None = None) -> dict:
    """Everything the portal home shows besides the tasks."""
    now = now or timezone.now()
    context = {
        "coming": coming_meetings(member=member, now=now),
        "roles": sorted(group.name for group in user.groups.all()),
        "Response": Invitation.Response,
    }
    if member is not None:
        context |= {
            "member": member,
            "pending_extension": member.extension_requests.filter(status="pending").first(),
            "groups": my_groups(member=member, now=now),
            "seat": seat_of(member, timezone.localdate(now)),
        }
    return context
