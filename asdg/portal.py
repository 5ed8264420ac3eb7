"""The portal home's other two parts (issue 16): what is coming, and my ASDG.

Each part is one query whatever the amount of data, its SQL kept per worker (asdg.kept_sql).
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.contrib.postgres.fields import ArrayField
from django.db.models import (
    BigIntegerField,
    CharField,
    DateField,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from asdg.kept_sql import kept_rows, union_part
from asdg.tasks import MEMBER, NOW, TODAY, USER
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
    rows = kept_rows("portal:coming", _coming, values, prefix="coming_")
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


# "My ASDG": the member's project groups with their next meeting, seat and pending request
# for an extension, and the user's roles, in one UNION ALL in these columns (a user
# without a member has roles only).
MINE = {
    "pk": BigIntegerField(),
    "name": CharField(),
    "detail": CharField(),
    "at": DateTimeField(),
    "day": DateField(),
    "place": CharField(),
    "tags": ArrayField(CharField()),
}


def _part(queryset, kind: str, order: list, **select):
    return union_part(queryset, "mine_", kind, MINE, order, **select)


def _mine():
    next_meeting = GroupMeeting.objects.filter(group=OuterRef("pk"), starts_at__gte=NOW).order_by(
        "starts_at", "pk"
    )
    groups = ProjectGroup.objects.filter(
        Exists(
            Participation.objects.filter(
                group=OuterRef("pk"), member_id=MEMBER, status=Participation.Status.CONFIRMED
            )
        ),
        dissolved_on__isnull=True,
    )
    seats = seats_held_on(TODAY).select_related(None).filter(member_id=MEMBER)
    extensions = TermExtensionRequest.objects.filter(member_id=MEMBER, status="pending")
    roles = Group.objects.filter(user=USER)
    return _part(
        groups, "group", [F("name"), F("pk")],
        pk=F("pk"), name=F("name"), detail=F("phase"),
        at=Subquery(next_meeting.values("starts_at")[:1]),
        place=Subquery(next_meeting.values("place")[:1]),
    ).union(
        _part(
            seats, "seat", [F("pk")],
            pk=F("pk"), detail=F("role"), day=F("term_end"), tags=F("tasks"),
        ),
        _part(extensions, "extension", [F("pk")], pk=F("pk")),
        _part(roles, "role", [F("name")], name=F("name")),
        all=True,
    )  # fmt: skip


def _group(row: dict) -> ProjectGroup:
    group = ProjectGroup(pk=row["pk"], name=row["name"], phase=row["detail"])
    group.next_at, group.next_place = row["at"], row["place"]
    return group


def portal_context(*, user, member: Member | None, now: datetime.datetime | None = None) -> dict:
    """Everything the portal home shows besides the tasks, in two queries whose SQL is
    kept per worker (asdg.kept_sql), as the tasks' is."""
    now = now or timezone.now()
    values = {
        "member": member.pk if member else None,
        "user": user.pk,
        "now": now,
        "today": timezone.localdate(now),
    }
    mine: dict[str, list[dict]] = {"group": [], "seat": [], "extension": [], "role": []}
    for row in sorted(
        kept_rows("portal:mine", _mine, values), key=lambda row: row["mine_position"]
    ):
        mine[row["mine_kind"]].append(
            {name.removeprefix("mine_"): value for name, value in row.items()}
        )
    context = {
        "coming": coming_meetings(member=member, now=now),
        "roles": sorted(row["name"] for row in mine["role"]),
        "Response": Invitation.Response,
    }
    if member is not None:
        seat = next(iter(mine["seat"]), None)
        context |= {
            "member": member,
            "pending_extension": bool(mine["extension"]),
            "groups": [_group(row) for row in mine["group"]],
            "seat": seat
            and Seat(pk=seat["pk"], role=seat["detail"], term_end=seat["day"], tasks=seat["tags"]),
        }
    return context
