"""Participation (M8): who took part in no project group in a year, and their yearly reminder."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from members.mail import send_templated_mail
from members.models import Member, Topic
from projectgroups.models import ParticipationReminder, ProjectGroup
from projectgroups.selectors import groups_accepting_signups, members_without_projectgroup

# Where members see the open groups and sign up (the project-group portal).
PROJECTGROUPS_PORTAL_PATH = "/portaal/projectgroepen/"
FIRST_YEAR = 2021  # M10: the group started on 1 January 2021.


def open_projectgroups() -> QuerySet[ProjectGroup]:
    """Groups a member can still sign up for: open, not dissolved, not full (P2)."""
    return (
        groups_accepting_signups(ProjectGroup.objects.all())
        .select_related("trajectory")
        .order_by("name", "pk")
    )


def members_sitting_in(*, year: int) -> QuerySet[Member]:
    """Members whose term overlaps the calendar year (the base M8 counts against)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return Member.objects.filter(start_date__lte=last).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=first)
    )


def participation_overview(*, year: int) -> dict:
    """M8 for the steering group: the members without a project group in `year`."""
    without = (
        members_without_projectgroup(year=year)
        .select_related("postcode_area")
        .order_by("last_name", "first_name", "pk")
    )
    return {
        "year": year,
        "members": list(without),
        "sitting_count": members_sitting_in(year=year).count(),
        "open_groups": list(open_projectgroups()),
    }


def participation_remind(
    *, year: int, today: datetime.date, dry_run: bool, site_url: str = ""
) -> list[Member]:
    """M8: e-mail each member without a project group in `year` the open groups, once a year.

    Only members still sitting on `today` are reminded; a ParticipationReminder row per
    member and year makes a second run send nothing. Without open groups there is nothing
    to join, so nothing is sent (a later run that month can still remind). With `dry_run`
    nothing is sent or recorded; the members who would get the mail are returned.
    """
    groups = list(open_projectgroups())
    if not groups:
        return []
    reminded = ParticipationReminder.objects.filter(member=OuterRef("pk"), year=year)
    due = list(
        members_without_projectgroup(year=year)
        .filter(start_date__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .exclude(Exists(reminded))
        .order_by("last_name", "first_name", "pk")
    )
    if dry_run:
        return due
    sent = []
    for member in due:
        if _remind_once(member=member, year=year, groups=groups, site_url=site_url):
            sent.append(member)
    return sent


def _remind_once(*, member: Member, year: int, groups: list, site_url: str) -> bool:
    try:
        with transaction.atomic():
            # The unique (member, year) row is the lock: a parallel run cannot send twice.
            ParticipationReminder.objects.create(member=member, year=year)
            send_templated_mail(
                template="projectgroups/emails/participation_reminder",
                to=[member.email],
                context={
                    "member": member,
                    "year": year,
                    "groups": groups,
                    "portal_url": site_url.rstrip("/") + PROJECTGROUPS_PORTAL_PATH,
                },
                topic=Topic.GROUP,
            )
    except IntegrityError:
        return False
    return True
