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


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus whole months, clamped to the month's last day (as PostgreSQL does)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    next_month = datetime.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month + 1, min(day.day, last_day))


def members_term_ending(*, today: datetime.date, months: int = 3) -> QuerySet[Member]:
    """M7: sitting members whose term ends between today and `months` from now."""
    return Member.objects.filter(
        ended_on__isnull=True, term_end__gte=today, term_end__lte=add_months(today, months)
    ).order_by("term_end")


def members_without_declaration(*, year: int, today: datetime.date) -> QuerySet[Member]:
    """M5: sitting members (started by today) without a declaration for `year`."""
    return Member.objects.filter(ended_on__isnull=True, start_date__lte=today).exclude(
        declarations__year=year
    )


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
