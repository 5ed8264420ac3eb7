"""The automatic sources of bookings, each booked once (`source_key`), however often run.

- plenary attendance: the plenary line's unit amount (€ 20 in 2021) per attending member,
  one booking per held meeting (`plenary:<meeting>`), dated on the meeting's day;
- advice trajectories: the trajectory line's unit amount (€ 300) per trajectory received
  in the year (`trajectory:<pk>`). A trajectory withdrawn before the run is not booked;
  once booked, a later withdrawal does not undo it (that is a correction the secretariat
  decides on);
- training: the cost of each training activity of the year (`training:<pk>`).

A meeting is booked once its attendance is recorded (someone attended); attendance
recorded after the booking changes nothing booked: correct it by hand if it matters.
A closed year books nothing. Expense claims book themselves on approval (services.claims).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from advices.models import Status as TrajectoryStatus
from advices.models import Trajectory
from finance.models import Booking, BudgetLine, BudgetYear
from finance.services.bookings import booking_add
from members.models import User
from steering.models import PlenaryMeeting, TrainingActivity

Kind = BudgetLine.Kind


@dataclass
class SourcesResult:
    year: int
    booked: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.booked.values())


def _line(budget_year: BudgetYear, kind: str) -> BudgetLine | None:
    return budget_year.lines.filter(kind=kind).order_by("position", "pk").first()


def _unit(line: BudgetLine) -> Decimal:
    return line.unit_amount if line.unit_amount is not None else Decimal("0.00")


def _book_plenary(line: BudgetLine, year: int, by: User | None) -> int:
    meetings = (
        PlenaryMeeting.objects.filter(status=PlenaryMeeting.Status.HELD, starts_at__year=year)
        .annotate(attendees=Count("invitations", filter=Q(invitations__attended=True)))
        .filter(attendees__gt=0)
        .order_by("starts_at")
    )
    created = 0
    for meeting in meetings:
        _booking, new = booking_add(
            line=line,
            date=timezone.localtime(meeting.starts_at).date(),
            amount=_unit(line) * meeting.attendees,
            description=_("%(meeting)s: %(count)s attending members")
            % {"meeting": meeting.title, "count": meeting.attendees},
            source=Booking.Source.ATTENDANCE,
            source_key=f"plenary:{meeting.pk}",
            by=by,
        )
        created += new
    return created


def _book_trajectories(line: BudgetLine, year: int, by: User | None) -> int:
    trajectories = (
        Trajectory.objects.filter(received_on__year=year)
        .exclude(status=TrajectoryStatus.WITHDRAWN)
        .order_by("received_on", "pk")
    )
    created = 0
    for trajectory in trajectories:
        _booking, new = booking_add(
            line=line,
            date=trajectory.received_on,
            amount=_unit(line),
            description=_("Advice trajectory started: %(subject)s")
            % {"subject": trajectory.subject},
            source=Booking.Source.TRAJECTORY,
            source_key=f"trajectory:{trajectory.pk}",
            by=by,
        )
        created += new
    return created


def _book_training(line: BudgetLine, year: int, by: User | None) -> int:
    created = 0
    for activity in TrainingActivity.objects.filter(date__year=year, cost__gt=0).order_by("date"):
        _booking, new = booking_add(
            line=line,
            date=activity.date,
            amount=activity.cost,
            description=activity.title,
            counterparty=activity.provider,
            source=Booking.Source.TRAINING,
            source_key=f"training:{activity.pk}",
            by=by,
        )
        created += new
    return created


SOURCES = [
    ("plenary", Kind.PLENARY, _book_plenary),
    ("trajectories", Kind.TRAJECTORIES, _book_trajectories),
    ("training", Kind.TRAINING, _book_training),
]


@transaction.atomic
def book_sources(*, year: int, by: User | None = None) -> SourcesResult:
    """Book what the sources hold for `year` that is not booked yet."""
    result = SourcesResult(year=year)
    budget_year = BudgetYear.objects.select_for_update().filter(year=year).first()
    if budget_year is None:
        result.skipped.append(_("There is no budget for %(year)s.") % {"year": year})
        return result
    if budget_year.closed:
        result.skipped.append(_("The year %(year)s is closed.") % {"year": year})
        return result
    for name, kind, book in SOURCES:
        line = _line(budget_year, kind)
        if line is None:
            result.skipped.append(
                _("%(year)s has no line of the kind “%(kind)s”.")
                % {"year": year, "kind": Kind(kind).label}
            )
            continue
        result.booked[name] = book(line, year, by)
    return result
