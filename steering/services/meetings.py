"""Plenary meetings (S6) and their decisions (S5): plan, invite, attendance, minutes, decide.

Steering sits above advices: a plenary decision that adopts an advice calls
advices.services.trajectory_advance; advices never imports steering.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advices.models import Status, Trajectory
from advices.services import (
    trajectory_adoption_check,
    trajectory_advance,
    trajectory_ready_check,
)
from members.audit import audit_event
from members.constraints import save_or_refuse
from members.models import Member, User
from steering.models import AgendaItem, Decision, Invitation, PlenaryMeeting, RoomVoteRoll
from steering.selectors.meetings import local_date
from steering.services.invitations import meeting_invite_missing

__all__ = ["meeting_invite_missing"]  # kept importable from here for its callers


MINUTES_TITLE = gettext_lazy("Minutes of the previous meeting")
REPORT_TITLE = gettext_lazy("Report of the steering group")


def _in_dutch(text) -> str:
    """Agenda titles are data the members read: stored in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def _lock(meeting: PlenaryMeeting) -> PlenaryMeeting:
    return PlenaryMeeting.objects.select_for_update().get(pk=meeting.pk)


@transaction.atomic
def meeting_plan(
    *,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str,
    public: bool = False,
    by: User | None,
) -> PlenaryMeeting:
    """S6: a plenary meeting with the steering group's report on its agenda. Planning sends
    nothing: the invitation goes out when the agenda is ready (meeting_invitation_send)."""
    meeting = PlenaryMeeting(
        title=title, starts_at=starts_at, ends_at=ends_at, location=location, public=public
    )
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    meeting.full_clean()
    meeting.save()
    AgendaItem.objects.create(
        meeting=meeting,
        position=1,
        kind=AgendaItem.Kind.MINUTES,
        title=_in_dutch(MINUTES_TITLE),
    )
    # S6: the steering group reports on its work at every plenary meeting.
    AgendaItem.objects.create(
        meeting=meeting,
        position=2,
        kind=AgendaItem.Kind.STEERING_REPORT,
        title=_in_dutch(REPORT_TITLE),
    )
    audit_event("meeting.planned", actor=by, object=meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: PlenaryMeeting, by: User | None) -> PlenaryMeeting:
    meeting = _lock(meeting)
    if meeting.status != PlenaryMeeting.Status.PLANNED:
        raise ValidationError(_("Only a planned meeting can be cancelled."))
    meeting.status = PlenaryMeeting.Status.CANCELLED
    meeting.save(update_fields=["status"])
    audit_event("meeting.cancelled", actor=by, object=meeting)
    return meeting


@transaction.atomic
def invitation_respond(*, invitation: Invitation, response: str, member: Member) -> Invitation:
    """A member answers their own invitation yes/no/maybe, until the meeting starts."""
    invitation = (
        Invitation.objects.select_for_update().select_related("meeting").get(pk=invitation.pk)
    )
    if invitation.member_id != member.pk:
        raise ValidationError(_("You can only answer your own invitation."))
    if response not in (Invitation.Response.YES, Invitation.Response.NO, Invitation.Response.MAYBE):
        raise ValidationError({"response": _("Answer yes, no or maybe.")})
    meeting = invitation.meeting
    if meeting.status != PlenaryMeeting.Status.PLANNED or meeting.starts_at <= timezone.now():
        raise ValidationError(_("This meeting can no longer be answered."))
    invitation.response = response
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["response", "responded_at"])
    return invitation


def agenda_item_delete(*, item: AgendaItem, by: User | None) -> None:
    """S6: the steering group's report stays on every agenda."""
    if item.kind == AgendaItem.Kind.STEERING_REPORT:
        raise ValidationError(
            _("The report of the steering group is on every agenda; it cannot be removed.")
        )
    item.delete()


@transaction.atomic
def attendance_record(
    *, meeting: PlenaryMeeting, attended_member_ids, by: User | None
) -> PlenaryMeeting:
    """Record who attended (every invitation: yes or no) and mark the meeting held."""
    meeting = _lock(meeting)
    if meeting.status == PlenaryMeeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    if local_date(meeting.starts_at) > timezone.localdate():
        raise ValidationError(_("Attendance can be recorded from the day of the meeting."))
    attended = {int(pk) for pk in attended_member_ids}
    invited = set(meeting.invitations.values_list("member_id", flat=True))
    if attended - invited:
        raise ValidationError({"attended": _("Only invited members can be recorded as present.")})
    voted = set(
        RoomVoteRoll.objects.filter(
            vote__meeting=meeting, vote__closed_at__isnull=True
        ).values_list("member_id", flat=True)
    )
    if voted - attended:
        # S5 vote rules: who voted in an open vote was present; the counts must add up.
        raise ValidationError(
            {
                "attended": _(
                    "Members who voted in the open vote stay marked present until it is closed."
                )
            }
        )
    meeting.invitations.filter(member_id__in=attended).update(attended=True)
    meeting.invitations.exclude(member_id__in=attended).update(attended=False)
    meeting.status = PlenaryMeeting.Status.HELD
    meeting.save(update_fields=["status"])
    audit_event("attendance.recorded", actor=by, object=meeting, present=len(attended))
    return meeting


def minutes_approval_check(*, meeting: PlenaryMeeting, at_meeting: PlenaryMeeting) -> None:
    """The minutes exist and are approved at a later meeting that is not cancelled."""
    if not meeting.minutes.strip():
        raise ValidationError({"minutes": _("Write the minutes before they are approved.")})
    if at_meeting.pk == meeting.pk or at_meeting.starts_at <= meeting.starts_at:
        raise ValidationError(
            {"minutes_approved_at": _("Minutes are approved at a later meeting.")}
        )
    if at_meeting.status == PlenaryMeeting.Status.CANCELLED:
        raise ValidationError(
            {"minutes_approved_at": _("Minutes cannot be approved at a cancelled meeting.")}
        )


def meeting_move_check(*, meeting: PlenaryMeeting, starts_at: datetime.datetime) -> None:
    """A2: a meeting that adopted a Participatiewet advice is not moved before the
    consultation of the Clients' Council (the trigger a2_decision_after_clients_council)."""
    day = local_date(starts_at)
    if meeting.decisions.filter(
        adopted=True,
        trajectory__law_participation=True,
        trajectory__clients_council_consulted_on__gt=day,
    ).exists():
        refusal = PlenaryMeeting.constraint_messages["a2_decision_after_clients_council"]
        raise ValidationError({"starts_at": refusal.message})


@transaction.atomic
def minutes_approve(
    *, meeting: PlenaryMeeting, at_meeting: PlenaryMeeting, by: User | None
) -> PlenaryMeeting:
    meeting = _lock(meeting)
    minutes_approval_check(meeting=meeting, at_meeting=at_meeting)
    meeting.minutes_approved_at = at_meeting
    meeting.save(update_fields=["minutes_approved_at"])
    audit_event("minutes.approved", actor=by, object=meeting, at=at_meeting)
    return meeting


def decision_reference(meeting: PlenaryMeeting, decision: Decision) -> str:
    """The plenary decision as the advice letter names it (S5): the meeting and, when the
    decision was taken on an agenda item, that item's number. Never the database id,
    which means nothing to a reader (issue 19.6)."""
    date = local_date(meeting.starts_at).strftime("%d-%m-%Y")
    item = decision.agenda_item
    with translation.override(settings.LANGUAGE_CODE):
        if item is not None and item.position:
            text = _("Plenary meeting of %(date)s, agenda item %(number)s") % {
                "date": date,
                "number": item.position,
            }
        else:
            text = _("Plenary meeting of %(date)s") % {"date": date}
    return text[:200]


@transaction.atomic
def decision_record(
    *,
    meeting: PlenaryMeeting,
    proposal: str,
    votes_for: int,
    votes_against: int,
    abstentions: int,
    trajectory: Trajectory | None = None,
    agenda_item: AgendaItem | None = None,
    by: User | None,
) -> Decision:
    """S5: a decision of the members at a plenary meeting, with its counts.

    The meeting must be held (or take place today). An adopted decision that names an
    advice trajectory adopts the advice; a rejected one leaves the trajectory as it is.
    """
    meeting = _lock(meeting)
    if meeting.status == PlenaryMeeting.Status.CANCELLED or (
        meeting.status != PlenaryMeeting.Status.HELD
        and local_date(meeting.starts_at) != timezone.localdate()
    ):
        raise ValidationError(
            {
                "meeting": _(
                    # S5
                    "The members decide at a plenary meeting; this meeting has not been held."
                )
            }
        )
    if not (proposal or "").strip():
        raise ValidationError({"proposal": _("Write down the proposal the members voted on.")})
    counts = {"votes_for": votes_for, "votes_against": votes_against, "abstentions": abstentions}
    for field, value in counts.items():
        if value is None or value < 0:
            raise ValidationError({field: _("A count is zero or more.")})
    present = meeting.invitations.filter(attended=True).count()
    if meeting.invitations.filter(attended__isnull=False).exists() and sum(counts.values()) > (
        present
    ):
        raise ValidationError(
            {
                "votes_for": _("More votes (%(votes)s) than members present (%(present)s).")
                % {"votes": sum(counts.values()), "present": present}
            }
        )
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("This agenda item is of another meeting.")})
    if trajectory is not None and votes_for > votes_against:
        # A2: checked before the decision is written (the trigger
        # a2_decision_after_clients_council holds it in the database).
        try:
            trajectory_adoption_check(trajectory=trajectory, on=local_date(meeting.starts_at))
            # S5: only a draft the project group handed over (the trigger
            # s5_adopted_only_when_ready holds it in the database).
            trajectory_ready_check(trajectory=trajectory)
        except ValidationError as error:
            raise ValidationError({"trajectory": error.messages}) from error
    if trajectory is not None and (
        agenda_item is None or agenda_item.trajectory_id != trajectory.pk
    ):
        # S5: the members decide on the draft they had in front of them.
        raise ValidationError(
            {
                "agenda_item": _(
                    # S5
                    "A decision on an advice is taken on the agenda item that carries its "
                    "draft; put the trajectory on an item of this meeting and choose that item."
                )
            }
        )
    decision = Decision(
        meeting=meeting,
        agenda_item=agenda_item,
        proposal=proposal.strip(),
        trajectory=trajectory,
        recorded_by=by,
        **counts,
    )
    save_or_refuse(decision)
    decision.refresh_from_db(fields=["adopted"])
    if decision.adopted and trajectory is not None:
        try:
            trajectory_advance(
                trajectory=trajectory,
                to=Status.ADOPTED,
                by=by,
                on=local_date(meeting.starts_at),
                reference=decision_reference(meeting, decision),
                note=proposal.strip()[:500],
            )
        except ValidationError as error:
            raise ValidationError({"trajectory": error.messages}) from error
    audit_event(
        "decision.recorded",
        actor=by,
        object=decision,
        meeting=meeting,
        adopted=decision.adopted,
        trajectory=trajectory,
    )
    return decision
