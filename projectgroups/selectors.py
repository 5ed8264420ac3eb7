import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from members.models import Member
from projectgroups.models import MAXIMUM_SIZE, Participation, ProjectGroup

Phase = ProjectGroup.Phase
# P2: 5 to 10 members while thinking along and advising; a monitoring group may be smaller
# and is not held to the maximum.
SIZE_LIMITED_PHASES = (Phase.THINKING_ALONG, Phase.ADVISING)
FIRST_YEAR = 2021  # M10: the group started on 1 January 2021.
NOT_OPEN = _("This project group is not open for sign-up.")
FULL = _("This group is full.")


def with_confirmed_count(groups: QuerySet[ProjectGroup]) -> QuerySet[ProjectGroup]:
    return groups.annotate(
        confirmed_count=Count(
            "participations", filter=Q(participations__status=Participation.Status.CONFIRMED)
        )
    )


def signup_refusal(group: ProjectGroup, *, confirmed_count: int) -> str | None:
    """Why a member cannot sign up for `group` now (P2), or None when they can.

    The one answer to "can a member sign up here?": the portal offers the sign-up button
    only when this is None and shows the reason otherwise; participation_request refuses
    with the same reason (and stays the authority, under a lock).
    """
    if not group.open_for_signup or group.phase == Phase.DISSOLVED:
        return NOT_OPEN
    if group.phase in SIZE_LIMITED_PHASES and confirmed_count >= MAXIMUM_SIZE:
        return FULL
    return None


def groups_accepting_signups(groups: QuerySet[ProjectGroup]) -> QuerySet[ProjectGroup]:
    """The groups of `groups` where signup_refusal is None, as a query (same two tests)."""
    return with_confirmed_count(
        groups.filter(open_for_signup=True).exclude(phase=Phase.DISSOLVED)
    ).exclude(phase__in=SIZE_LIMITED_PHASES, confirmed_count__gte=MAXIMUM_SIZE)


def members_without_projectgroup(*, year: int) -> QuerySet[Member]:
    """M8: members sitting in `year` who took part in no project group that year."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    took_part = Participation.objects.filter(
        member=OuterRef("pk"),
        status__in=[Participation.Status.CONFIRMED, Participation.Status.LEFT],
        confirmed_on__lte=last,
    ).filter(Q(left_on__isnull=True) | Q(left_on__gte=first))
    return members_sitting_in(year=year).exclude(Exists(took_part))


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
