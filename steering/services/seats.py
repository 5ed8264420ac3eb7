"""Steering-group seats: assign, end, change role and tasks (S1–S4).

Every assignment takes one transaction-level advisory lock, so two assignments (from
the admin, an election count, anywhere) are checked one after the other and can never
make a seventh seat together (S1).
"""

import datetime
import zlib

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from members.audit import audit_event
from members.constraints import save_or_refuse
from members.models import Member, User
from members.services import member_ensure_not_ending
from steering.models import Candidate, Election, Seat, SeatEndReason, SeatRole, SeatSource, Task
from steering.models.seats import FIRST_STEERING_GROUP_LATEST_START, MAX_SEATS
from steering.selectors.governance import (
    most_seats_held,
    seat_outside_membership,
    seats_overlapping,
    term_end_for,
    term_keeps_schedule,
    term_suggest,
)

# One lock key for "the set of seats" (pg_advisory_xact_lock takes a bigint).
SEATS_LOCK = zlib.crc32(b"steering.seats")


def schedule_refusal(message: str, *, starts_on: datetime.date, seats: int = 1) -> ValidationError:
    """S4: the refusal of a term that breaks the retirement schedule, on the term, with a
    term that keeps it where there is one."""
    suggestion = term_suggest(starts_on, seats)
    if suggestion:
        message += " " + _("A term of %(years)s years keeps the schedule.") % {"years": suggestion}
    return ValidationError({"term_years": message})


def lock_seats() -> None:
    """Serialise every change to the set of seats until the transaction ends (S1)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEATS_LOCK])


def _check_tasks(role: str, tasks: list[str]) -> list[str]:
    if role not in SeatRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    unknown = set(tasks) - set(Task.values)
    if unknown:
        # S4
        raise ValidationError({"tasks": _("Choose tasks from the regulation's list.")})
    return [task for task in Task.values if task in tasks]  # the regulation's order, once


def _check_source(source: str, election: Election | None, member: Member, starts_on) -> None:
    """S2: appointed only for the first steering group; every later seat from an election."""
    if source == SeatSource.APPOINTED:
        if election is not None or starts_on > FIRST_STEERING_GROUP_LATEST_START:
            raise ValidationError(
                {
                    "source": _(
                        # S2
                        "Only the first steering group (from 1 January 2021) was appointed; "
                        "every later seat comes from an election."
                    )
                }
            )
        return
    if source != SeatSource.ELECTED:
        raise ValidationError({"source": _("Choose appointed or elected.")})
    if election is None:
        # S2
        raise ValidationError({"election": _("An elected seat needs the election.")})
    if election.results_at is None:
        raise ValidationError({"election": _("This election's results are not determined yet.")})
    if not Candidate.objects.filter(election=election, member=member, elected=True).exists():
        # S2
        raise ValidationError({"member": _("This member was not elected in this election.")})
    if Seat.objects.filter(election=election).count() >= election.seats:
        raise ValidationError({"election": _("Every seat of this election has been filled.")})


@transaction.atomic
def seat_assign(
    *,
    member: Member,
    role: str,
    tasks: list[str],
    starts_on: datetime.date,
    term_years: int,
    source: str,
    election: Election | None = None,
    by: User | None,
) -> Seat:
    """Give a member a seat for a term of 1–4 years (S1–S4)."""
    lock_seats()
    member = Member.objects.select_for_update().get(pk=member.pk)
    tasks = _check_tasks(role, tasks)
    # S1: only ASDG members sit in the steering group.
    if member.ended_on is not None:
        raise ValidationError({"member": _("Only a sitting member can hold a seat.")})
    member_ensure_not_ending(member=member, field="member")  # M5: marked to end, no new seat
    # S3: a steering-group term is 1 to 4 years.
    if not 1 <= term_years <= 4:
        raise ValidationError({"term_years": _("A steering-group term is 1 to 4 years.")})
    _check_source(source, election, member, starts_on)
    last_day = term_end_for(starts_on, term_years)
    # S1/S2: the whole seat lies within the membership (the trigger
    # s1_seat_within_membership holds it in the database).
    if outside := seat_outside_membership(member, starts_on, last_day):
        raise ValidationError(outside)
    if seats_overlapping(starts_on, last_day).filter(member=member).exists():
        raise ValidationError({"member": _("This member already holds a seat in that period.")})
    # S1: at most 6 seats held on any day of the new term.
    if most_seats_held(starts_on, last_day) >= MAX_SEATS:
        raise ValidationError(
            {
                "starts_on": _(
                    # S1
                    "The steering group has at most %(max)s seats; all of them are held "
                    "during (part of) this term."
                )
                % {"max": MAX_SEATS}
            }
        )
    # S4: at most half of the seats end their term in the same year.
    if not term_keeps_schedule(starts_on, term_years):
        message = _(
            "Already half of the seats end their term in %(year)s (retirement schedule)."
        ) % {"year": last_day.year}
        raise schedule_refusal(message, starts_on=starts_on)
    seat = Seat(
        member=member,
        role=role,
        tasks=tasks,
        starts_on=starts_on,
        term_years=term_years,
        source=source,
        election=election,
    )
    seat.full_clean()
    save_or_refuse(seat)
    seat.refresh_from_db(fields=["term_end"])
    audit_event("seat.assigned", actor=by, seat=seat, member=member, source=source)
    return seat


@transaction.atomic
def seat_end(*, seat: Seat, on: datetime.date, reason: str, by: User | None) -> Seat:
    """End a seat before its term is over (the member resigns, or leaves the ASDG)."""
    lock_seats()
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    if seat.ended_on is not None:
        raise ValidationError(_("This seat has already ended."))
    if reason not in SeatEndReason.values:
        raise ValidationError({"end_reason": _("Choose a reason.")})
    if on < seat.starts_on:
        raise ValidationError({"ended_on": _("A seat cannot end before it starts.")})
    if on > seat.term_end:
        raise ValidationError({"ended_on": _("The term of this seat is already over.")})
    seat.ended_on = on
    seat.end_reason = reason
    save_or_refuse(seat, update_fields=["ended_on", "end_reason"])
    audit_event("seat.ended", actor=by, seat=seat, reason=reason)
    return seat


@transaction.atomic
def seat_update_role(*, seat: Seat, role: str, tasks: list[str], by: User | None) -> Seat:
    """S4: the division of roles and tasks within the steering group."""
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    seat.role = role
    seat.tasks = _check_tasks(role, tasks)
    seat.save(update_fields=["role", "tasks"])
    audit_event("seat.role_changed", actor=by, seat=seat, role=role)
    return seat
