"""Plenary meetings, consultations, subjects from members and training (S5–S8)."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.models import Member
from members.selectors import add_months, members_sitting
from steering.models import (
    AgendaItem,
    Consultation,
    Decision,
    Invitation,
    PlenaryMeeting,
    SubjectProposal,
    TrainingActivity,
    WatchItem,
)

# S6: 4 to 6 plenary meetings a year.
PLENARY_MIN_PER_YEAR = 4
PLENARY_MAX_PER_YEAR = 6
# S7: the programme manager(s) every 2 months, the alderman twice a year.
CONSULTATION_INTERVAL_MONTHS = {
    Consultation.Kind.PROGRAMME_MANAGER: 2,
    Consultation.Kind.ALDERMAN: 6,
}


def local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


# --- Members and meetings -------------------------------------------------------------


def sitting_members_on(day: datetime.date) -> QuerySet[Member]:
    """Members sitting on a day: their membership started and has not ended (S6)."""
    return members_sitting(on=day)


def meetings_not_cancelled() -> QuerySet[PlenaryMeeting]:
    return PlenaryMeeting.objects.exclude(status=PlenaryMeeting.Status.CANCELLED)


def plenary_count_in_year(year: int) -> int:
    return meetings_not_cancelled().filter(starts_at__year=year).count()


def plenary_year_warning(year: int) -> str | None:
    """S6: a message when fewer than 4 or more than 6 meetings are planned or held in `year`.

    People read it on the portal, so it names no rule id and counts with ngettext.
    """
    count = plenary_count_in_year(year)
    if count < PLENARY_MIN_PER_YEAR:
        return ngettext(
            "%(count)d plenary meeting planned or held in %(year)d; plan at least %(minimum)d.",
            "%(count)d plenary meetings planned or held in %(year)d; plan at least %(minimum)d.",
            count,
        ) % {"count": count, "year": year, "minimum": PLENARY_MIN_PER_YEAR}
    if count > PLENARY_MAX_PER_YEAR:
        return _(
            "%(count)d plenary meetings planned or held in %(year)d; "
            "the guideline asks for at most %(maximum)d."
        ) % {"count": count, "year": year, "maximum": PLENARY_MAX_PER_YEAR}
    return None


def _my_invitation(member: Member | None, field: str):
    if member is None:
        return None
    return Subquery(
        Invitation.objects.filter(meeting=OuterRef("pk"), member=member).values(field)[:1]
    )


def meetings_for_portal(
    *, member: Member | None, upcoming: bool, now: datetime.datetime | None = None
) -> QuerySet[PlenaryMeeting]:
    """Upcoming (not cancelled, not over) or past (held) meetings, with the member's answer.

    One query whatever the number of meetings: the answer is a subquery, not a row each.
    """
    now = now or timezone.now()
    if upcoming:
        meetings = PlenaryMeeting.objects.filter(
            status=PlenaryMeeting.Status.PLANNED, ends_at__gte=now
        ).order_by("starts_at", "pk")
    else:
        meetings = PlenaryMeeting.objects.filter(status=PlenaryMeeting.Status.HELD).order_by(
            "-starts_at", "-pk"
        )
    if member is not None:
        meetings = meetings.annotate(
            my_response=_my_invitation(member, "response"),
            my_invitation_pk=_my_invitation(member, "pk"),
        )
    return meetings


def meeting_detail(pk: int) -> PlenaryMeeting:
    """A meeting with its decisions and answer counts, in a fixed number of queries (its
    agenda with the papers: selectors.papers.agenda_with_papers)."""
    counts = {
        f"count_{value or 'none'}": Count("invitations", filter=Q(invitations__response=value))
        for value, _label in Invitation.Response.choices
    }
    return (
        PlenaryMeeting.objects.select_related("minutes_approved_at")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("trajectory", "agenda_item").order_by(
                    "pk"
                ),
            ),
        )
        .annotate(
            **counts,
            count_attended=Count("invitations", filter=Q(invitations__attended=True)),
        )
        .get(pk=pk)
    )


def decisions_numbered(*, meeting: PlenaryMeeting | int | None = None) -> QuerySet[Decision]:
    """Decisions with `number`, their place within their meeting (1, 2, ... in the order
    they were recorded), as the minutes and an advice letter name them ("besluit 3").
    Narrow them by meeting here, not by decision afterwards: the number counts the rows
    the query holds. The newest meeting first (issue 18.5)."""
    decisions = Decision.objects.select_related("meeting")
    if meeting is not None:
        decisions = decisions.filter(meeting=meeting)
    return decisions.annotate(
        number=Window(RowNumber(), partition_by=[F("meeting_id")], order_by=[F("pk").asc()])
    ).order_by("-meeting__starts_at", "pk")


def recent_decisions(limit: int = 5) -> QuerySet[Decision]:
    return Decision.objects.select_related("meeting", "trajectory").order_by(
        "-meeting__starts_at", "-pk"
    )[:limit]


def attendance_recorded(meeting: PlenaryMeeting) -> bool:
    return meeting.invitations.filter(attended__isnull=False).exists()


# --- Consultations (S7) ---------------------------------------------------------------


@dataclass(frozen=True)
class ConsultationGap:
    kind: str
    label: str
    months: int
    last_held_on: datetime.date | None
    due_on: datetime.date | None
    next_planned_on: datetime.date | None
    overdue: bool  # more than `months` since the last one held (or none held at all)

    @property
    def message(self) -> str:
        values = {
            "with": self.label,
            "months": self.months,
            "last": date_format(self.last_held_on) if self.last_held_on else "",
            "due": date_format(self.due_on) if self.due_on else "",
        }
        if self.last_held_on is None:
            # S7
            return _("No consultation with the %(with)s has been held yet.") % values
        if self.overdue:
            return (
                _(
                    # S7
                    "The last consultation with the %(with)s was on %(last)s, "
                    "more than %(months)s months ago."
                )
                % values
            )
        return (
            _(
                # S7
                "No consultation with the %(with)s is planned by %(due)s (every %(months)s months)."
            )
            % values
        )


def consultation_gaps(today: datetime.date | None = None) -> list[ConsultationGap]:
    """S7: kinds of consultation with a gap — more than 2 months (programme manager) or
    6 months (alderman) since the last one held — or whose next one is not planned in time.

    A consultation held exactly 2 (or 6) months ago is still in time; a day later it is not.
    One query, whatever the number of consultations.
    """
    today = today or timezone.localdate()
    kinds = CONSULTATION_INTERVAL_MONTHS
    dates = Consultation.objects.aggregate(
        **{
            f"{kind}_last_held": Max("held_on", filter=Q(kind=kind, held_on__lte=today))
            for kind in kinds
        },
        **{
            f"{kind}_next_planned": Min(
                "planned_on", filter=Q(kind=kind, held_on__isnull=True, planned_on__gte=today)
            )
            for kind in kinds
        },
    )
    gaps = []
    for kind, months in kinds.items():
        last, planned = dates[f"{kind}_last_held"], dates[f"{kind}_next_planned"]
        due = add_months(last, months) if last else None
        overdue = due is None or today > due
        planned_in_time = planned is not None and due is not None and planned <= due
        if overdue or not planned_in_time:
            gaps.append(
                ConsultationGap(
                    kind=kind,
                    label=str(Consultation.Kind(kind).label),
                    months=months,
                    last_held_on=last,
                    due_on=due,
                    next_planned_on=planned,
                    overdue=overdue,
                )
            )
    return gaps


# --- Agendas to watch (S4) ------------------------------------------------------------


def watch_items_open() -> QuerySet[WatchItem]:
    return WatchItem.objects.filter(closed=False).prefetch_related("trajectories")


# --- Subjects from members -------------------------------------------------------------


def subject_proposals_for_portal() -> QuerySet[SubjectProposal]:
    """Every proposal with its proposer, support count and (if scheduled) its meeting."""
    return (
        SubjectProposal.objects.select_related("proposer")
        .annotate(
            support_count=Count("supports", distinct=True),
            meeting_pk=Subquery(
                AgendaItem.objects.filter(subject=OuterRef("pk"))
                .order_by("pk")
                .values("meeting_id")[:1]
            ),
            meeting_starts_at=Subquery(
                AgendaItem.objects.filter(subject=OuterRef("pk"))
                .order_by("pk")
                .values("meeting__starts_at")[:1]
            ),
        )
        .order_by("-created_at", "-pk")
    )


def upcoming_planned_meetings(now: datetime.datetime | None = None) -> QuerySet[PlenaryMeeting]:
    now = now or timezone.now()
    return PlenaryMeeting.objects.filter(
        status=PlenaryMeeting.Status.PLANNED, starts_at__gte=now
    ).order_by("starts_at", "pk")


# --- Training (S8) --------------------------------------------------------------------


def training_activities_in_year(year: int) -> QuerySet[TrainingActivity]:
    """S8: the year's activities with their cost (finance books them) and participant count."""
    return (
        TrainingActivity.objects.filter(date__year=year)
        .annotate(participant_count=Count("participants"))
        .order_by("date", "pk")
    )


def trainings_of(member: Member) -> QuerySet[TrainingActivity]:
    return member.training_activities.order_by("-date", "-pk")
