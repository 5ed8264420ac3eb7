"""Votes in the room (issue 17.5, S5): open, cast, close.

The chair opens a vote on a proposal, on an agenda item of a meeting taking place today;
members marked present vote for, against or abstain; the chair closes it and the counts
are recorded as the meeting's Decision through decision_record, which also adopts the
advice whose draft the item carries (S5, A2 and the "ready draft" rule hold there).

S5 vote rules, held by the database (steering/migrations/0011_room_votes.py) and checked
here first so that a refusal is a message, not an error:
- one vote per member per vote (s5_room_vote_once_per_member, also when two requests of
  the same member race);
- only members marked present, only while the vote is open
  (s5_room_vote_by_present_members_while_open);
- one open vote per meeting (s5_one_open_vote_per_meeting).

A secret vote keeps the elections' guarantees (steering.services.elections): the roll
says who voted, never how; the ballots have no voter, no time and no lasting key, and
are written anew in a random order on every vote, under the lock on the vote.
"""

import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from advices.models import Status as TrajectoryStatus
from advices.services import trajectory_adoption_check, trajectory_ready_check
from members.audit import audit_event
from members.constraints import refusal
from members.models import Member, User
from steering.models import (
    AgendaItem,
    Decision,
    Invitation,
    PlenaryMeeting,
    RoomBallot,
    RoomVote,
    RoomVoteRoll,
    VoteChoice,
)
from steering.selectors.meetings import local_date
from steering.selectors.votes import vote_counts
from steering.services.meetings import decision_record

ALREADY_VOTED = gettext_noop("You have already voted on this proposal.")
NOT_PRESENT = gettext_noop(
    "Only members marked present at the meeting vote. Ask the chair to mark you present."
)


def _lock_meeting(meeting: PlenaryMeeting) -> PlenaryMeeting:
    return PlenaryMeeting.objects.select_for_update().get(pk=meeting.pk)


def _lock_vote(vote: RoomVote) -> RoomVote:
    # Only the vote's row: the meeting's lock is attendance_record's and decision_record's.
    locked = RoomVote.objects.select_for_update(of=("self",)).select_related("meeting")
    return locked.get(pk=vote.pk)


def meeting_in_session_check(meeting: PlenaryMeeting) -> None:
    """A vote in the room is held at the meeting: on its day, not when it was cancelled."""
    if meeting.status == PlenaryMeeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    if local_date(meeting.starts_at) != timezone.localdate():
        raise ValidationError(_("Votes in the room are held on the day of the meeting."))


@transaction.atomic
def vote_open(
    *,
    item: AgendaItem,
    proposal: str,
    secret: bool,
    adopts_advice: bool = False,
    by: User,
) -> RoomVote:
    """The chair opens a vote on a proposal, on an item of a meeting held today (S5).

    With `adopts_advice`, a carried proposal adopts the advice whose draft the item
    carries: the same checks as decision_record (A2, the draft marked ready) are made
    now, so that the room does not vote on an advice that cannot be adopted.
    """
    meeting = _lock_meeting(item.meeting)
    meeting_in_session_check(meeting)
    if not (proposal or "").strip():
        raise ValidationError({"proposal": _("Write down the proposal the members vote on.")})
    if not meeting.invitations.filter(attended=True).exists():
        raise ValidationError(_("Mark who is present before opening a vote."))
    if meeting.votes.filter(closed_at__isnull=True).exists():
        raise ValidationError(
            {"agenda_item": _("Another vote of this meeting is still open; close it first.")}
        )
    trajectory = None
    if adopts_advice:
        trajectory = item.trajectory
        if trajectory is None or trajectory.status != TrajectoryStatus.DRAFTING:
            raise ValidationError(
                {"adopts_advice": _("This agenda item carries no draft advice to adopt.")}
            )
        try:
            trajectory_adoption_check(trajectory=trajectory, on=local_date(meeting.starts_at))
            trajectory_ready_check(trajectory=trajectory)
        except ValidationError as error:
            raise ValidationError({"adopts_advice": error.messages}) from error
    vote = RoomVote(
        meeting=meeting,
        agenda_item=item,
        proposal=proposal.strip(),
        secret=bool(secret),
        trajectory=trajectory,
        opened_by=by,
    )
    vote.full_clean()
    vote.save()
    audit_event("room_vote.opened", actor=by, object=vote, meeting=meeting, secret=vote.secret)
    return vote


def vote_cast(*, vote: RoomVote, member: Member | None, choice: str) -> None:
    """A member marked present votes once, while the vote is open (S5 vote rules).

    The roll's unique constraint refuses a second vote, also when two requests of the
    same member race; the lock on the vote keeps a secret vote's box whole.
    """
    if member is None or not Member.objects.filter(pk=member.pk, ended_on__isnull=True).exists():
        raise ValidationError(_("Only sitting members of the advisory group can vote."))
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Choose for, against or abstain.")})
    try:
        with transaction.atomic():
            vote = _lock_vote(vote)
            if not vote.is_open:
                raise ValidationError(_("This vote is closed."))
            meeting_in_session_check(vote.meeting)  # a vote left open is not voted on later
            present = Invitation.objects.filter(
                meeting_id=vote.meeting_id, member=member, attended=True
            ).exists()
            if not present:
                raise ValidationError(_(NOT_PRESENT))
            if RoomVoteRoll.objects.filter(vote=vote, member=member).exists():
                raise ValidationError(_(ALREADY_VOTED))
            RoomVoteRoll.objects.create(
                vote=vote, member=member, choice="" if vote.secret else choice
            )
            if vote.secret:
                room_ballot_box_rewrite(vote=vote, adding=[choice])
    except IntegrityError as error:
        # A second request of the same member won the race for the roll, or the trigger
        # refused (the member marked absent, or the vote closed, meanwhile).
        refused = refusal(error)
        if refused is None:
            raise
        raise ValidationError(refused.messages) from error
    # In a secret vote neither the member nor the choice: the log must not link them.
    if vote.secret:
        audit_event("room_vote.cast", object=vote)
    else:
        audit_event("room_vote.cast", object=vote, member=member, choice=choice)


def room_ballot_box_rewrite(*, vote: RoomVote, adding: Iterable[str] = ()) -> None:
    """Write a secret vote's ballots anew, `adding` among them, in a random order with new
    random keys (as ballot_box_rewrite of the elections: neither xmin, place on disk nor
    the order of a dump tells when, or along with which line of the roll, a ballot came
    in). The caller holds the lock on the vote and writes the roll in this transaction."""
    pool = [*RoomBallot.objects.filter(vote=vote).values_list("choice", flat=True), *adding]
    secrets.SystemRandom().shuffle(pool)
    RoomBallot.objects.filter(vote=vote).delete()
    RoomBallot.objects.bulk_create(RoomBallot(vote=vote, choice=choice) for choice in pool)


@transaction.atomic
def vote_close(*, vote: RoomVote, by: User) -> Decision:
    """The chair closes the vote; its counts are recorded as the meeting's decision (S5).

    A carried proposal that names an advice adopts it through decision_record. If the
    decision is refused, nothing is closed: the vote stays open and the refusal is shown.
    """
    vote = _lock_vote(vote)
    if not vote.is_open:
        raise ValidationError(_("This vote is already closed."))
    counts = vote_counts(vote)
    if vote.secret:
        room_ballot_box_rewrite(vote=vote)  # no xmin of the roll stays in the box
    decision = decision_record(
        meeting=vote.meeting,
        proposal=vote.proposal,
        votes_for=counts[VoteChoice.FOR],
        votes_against=counts[VoteChoice.AGAINST],
        abstentions=counts[VoteChoice.ABSTAIN],
        trajectory=vote.trajectory,
        agenda_item=vote.agenda_item,
        by=by,
    )
    vote.closed_at = timezone.now()
    vote.closed_by = by
    vote.decision = decision
    vote.save(update_fields=["closed_at", "closed_by", "decision"])
    audit_event("room_vote.closed", actor=by, object=vote, decision=decision)
    return decision
