"""Read queries on the register that views, the admin and the dashboard share."""

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from members.models import IncompatibilityDeclaration, Member
from members.models.common import IncompatibilityAnswers


def members_flagged_incompatible(*, year: int | None = None) -> QuerySet[Member]:
    """Sitting members who answered "yes" to an M5 question in this year's declaration.

    The secretariat contacts them and, if the answer stands, ends the membership (M5).
    """
    year = year or timezone.localdate().year
    yes_this_year = IncompatibilityDeclaration.objects.filter(
        member=OuterRef("pk"), year=year
    ).exclude(IncompatibilityAnswers.compatible_q())
    return Member.objects.filter(ended_on__isnull=True).filter(Exists(yes_this_year))


def term_end_if_extended(*, member: Member, months: int) -> datetime.date:
    """The end of term after an extension of `months` (M7), computed as `Member.term_end` is.

    PostgreSQL adds whole months and clamps to the month's last day; so does this.
    """
    total = member.start_date.month - 1 + 12 * member.term_years + member.extension_months + months
    year, month = member.start_date.year + total // 12, total % 12 + 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    end = datetime.date(year, month, min(member.start_date.day, last_day))
    return end - datetime.timedelta(days=1)
