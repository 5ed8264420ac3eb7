"""Reads of the votes in the room (issue 17.5): the vote open now, what a member may do
with it, and what the projector may show."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from members.models import Member
from steering.models import (
    Invitation,
    PlenaryMeeting,
    RoomBallot,
    RoomVote,
    RoomVoteRoll,
    VoteChoice,
)
from steering.selectors.meetings import local_date


def in_session(meeting: PlenaryMeeting) -> bool:
    """Votes are held on the day of the meeting, unless it was cancelled."""
    return (
        meeting.status != PlenaryMeeting.Status.CANCELLED
        and local_date(meeting.starts_at) == timezone.localdate()
    )


def open_vote(meeting: PlenaryMeeting) -> RoomVote | None:
    return (
        RoomVote.objects.filter(meeting=meeting, closed_at__isnull=True)
        .select_related("agenda_item", "trajectory")
        .first()
    )


def closed_votes(meeting: PlenaryMeeting) -> list[RoomVote]:
    """The meeting's closed votes, newest first, each with `names`: who voted how in an
    open vote (a secret vote's roll names no choice, so it is not read). Two queries."""
    names = Prefetch(
        "roll",
        queryset=RoomVoteRoll.objects.filter(vote__secret=False)
        .select_related("member")
        .order_by("member__last_name", "member__first_name"),
        to_attr="names",
    )
    return list(
        RoomVote.objects.filter(meeting=meeting, closed_at__isnull=False)
        .select_related("agenda_item", "decision")
        .prefetch_related(names)
        .order_by("-closed_at", "-pk")
    )


def present_count(meeting: PlenaryMeeting | int) -> int:
    return Invitation.objects.filter(meeting=meeting, attended=True).count()


def is_present(meeting: PlenaryMeeting, member: Member | None) -> bool:
    if member is None:
        return False
    return Invitation.objects.filter(meeting=meeting, member=member, attended=True).exists()


def my_roll_line(vote: RoomVote, member: Member | None) -> RoomVoteRoll | None:
    if member is None:
        return None
    return RoomVoteRoll.objects.filter(vote=vote, member=member).first()


def vote_counts(vote: RoomVote) -> dict[str, int]:
    """For, against and abstain so far: from the ballots (secret) or the roll (open)."""
    model = RoomBallot if vote.secret else RoomVoteRoll
    rows = model.objects.filter(vote=vote)
    counted = Counter(rows.values_list("choice", flat=True))
    return {choice: counted.get(choice, 0) for choice in VoteChoice.values}


@dataclass(frozen=True)
class Tally:
    """What a page may show of a vote. While a secret vote is open, only how many have
    voted: a running count of a secret vote would tell the room how each voter voted as
    the numbers change. An open vote shows its running count; a closed one its decision."""

    vote: RoomVote
    voted: int
    present: int
    shown: bool
    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0

    @property
    def closed(self) -> bool:
        return self.vote.decision_id is not None


def tally(vote: RoomVote, *, present: int | None = None) -> Tally:
    """The vote's count as a page may show it; `present` when the caller counted already."""
    if present is None:
        present = present_count(vote.meeting_id)
    if vote.decision_id is not None:
        decision = vote.decision
        counts = (decision.votes_for, decision.votes_against, decision.abstentions)
        return Tally(vote, sum(counts), present, True, *counts)
    voted = RoomVoteRoll.objects.filter(vote=vote).count()
    if vote.secret:
        return Tally(vote, voted, present, False)
    counts = vote_counts(vote)
    return Tally(
        vote,
        voted,
        present,
        True,
        counts[VoteChoice.FOR],
        counts[VoteChoice.AGAINST],
        counts[VoteChoice.ABSTAIN],
    )


def open_roll(vote: RoomVote) -> list[RoomVoteRoll]:
    """Who voted how, in an open vote (names recorded); empty for a secret vote."""
    if vote.secret:
        return []
    return list(
        RoomVoteRoll.objects.filter(vote=vote)
        .select_related("member")
        .order_by("member__last_name", "member__first_name")
    )
