"""Read queries on the register that views, the admin and the dashboard share."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from members.models import Application, IncompatibilityDeclaration, Member
from members.models.common import IncompatibilityAnswers

# --- Who sits, and how that compares with the target (M1) -----------------------------
# One definition of a sitting member for every figure that counts them: the dashboard,
# the composition pages, the annual report, the about page and the register's filter.


def sitting_on(*, start: datetime.date, ended: datetime.date | None, day: datetime.date) -> bool:
    """Sitting on `day`: the membership started by then and had not ended (the rule of
    `members_sitting`, for rows already read)."""
    return start <= day and (ended is None or ended > day)


def members_sitting(*, on: datetime.date) -> QuerySet[Member]:
    """Members sitting on `on`: started by then and not ended by then."""
    return Member.objects.filter(
        Q(start_date__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gt=on))
    )


# M1 asks for *about* 40 members, not at least 40. Within 10% of the target (36 to 44 for
# 40) the group is around it; fewer is short of it, more is above it.
TARGET_BAND = 0.10


@dataclass(frozen=True)
class MembershipSize:
    """M1: the sitting members against the target (ASDG_TARGET_MEMBERS)."""

    sitting: int
    target: int

    BELOW = "below"
    AROUND = "around"
    ABOVE = "above"

    @property
    def margin(self) -> int:
        return round(self.target * TARGET_BAND)

    @property
    def state(self) -> str:
        if self.sitting < self.target - self.margin:
            return self.BELOW
        if self.sitting > self.target + self.margin:
            return self.ABOVE
        return self.AROUND

    @property
    def gap(self) -> int:
        """How many short of the target (0 when at or above it)."""
        return max(self.target - self.sitting, 0)

    @property
    def excess(self) -> int:
        """How many above the target (0 when at or below it)."""
        return max(self.sitting - self.target, 0)


def membership_size(*, sitting: int) -> MembershipSize:
    return MembershipSize(sitting=sitting, target=settings.ASDG_TARGET_MEMBERS)


@dataclass(frozen=True)
class Intake:
    """Who joined in a year and where they came from, beside that year's recruitment round.

    A member joins through an admitted application (M3), or was a founding member from a
    predecessor council (M10); `otherwise` counts the rest (entered in the register by
    hand). The round of a year admits members who may start the next year, so `admitted`
    need not equal `joined_admitted` of the same year; each admitted application does
    count once, in the year its member starts.
    """

    joined: int
    joined_admitted: int
    joined_founders: int
    applications: int
    admitted: int

    @property
    def joined_otherwise(self) -> int:
        return self.joined - self.joined_admitted - self.joined_founders


def member_intake(*, year: int, until: datetime.date | None = None) -> Intake:
    """The members who joined in `year` (up to `until`) and the year's round: two queries."""
    last = until or datetime.date(year, 12, 31)
    joined = Member.objects.filter(start_date__gte=datetime.date(year, 1, 1), start_date__lte=last)
    members = joined.aggregate(
        joined=Count("pk"),
        admitted=Count("pk", filter=Q(application__isnull=False)),
        founders=Count("pk", filter=Q(application__isnull=True) & ~Q(origin_council="")),
    )
    round_ = Application.objects.filter(round__year=year).aggregate(
        total=Count("pk"), admitted=Count("pk", filter=Q(decision=Application.Decision.ADMITTED))
    )
    return Intake(
        joined=members["joined"],
        joined_admitted=members["admitted"],
        joined_founders=members["founders"],
        applications=round_["total"],
        admitted=round_["admitted"],
    )


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
