import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from members.models import Member
from projectgroups.models import Participation


def members_without_projectgroup(*, year: int) -> QuerySet[Member]:
    """M8: members sitting in `year` who took part in no project group that year."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    took_part = Participation.objects.filter(
        member=OuterRef("pk"),
        status__in=[Participation.Status.CONFIRMED, Participation.Status.LEFT],
        confirmed_on__lte=last,
    ).filter(Q(left_on__isnull=True) | Q(left_on__gte=first))
    return (
        Member.objects.filter(start_date__lte=last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        .exclude(Exists(took_part))
    )
