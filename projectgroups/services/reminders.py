"""M8: the yearly reminder to the members who took part in no project group."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q

from members.mail import send_templated_mail
from members.models import Member, Topic
from projectgroups.models import ParticipationReminder
from projectgroups.selectors import members_without_projectgroup, open_projectgroups

# Where members see the open groups and sign up (the project-group portal).
PROJECTGROUPS_PORTAL_PATH = "/portaal/projectgroepen/"


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
