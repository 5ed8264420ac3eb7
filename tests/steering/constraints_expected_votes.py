"""The constraints of the votes in the room (issue 17.5), each violated once
(tests/asdg/test_constraints.py)."""

from django.utils import timezone

from steering.models import Decision, RoomVote, RoomVoteRoll
from tests.members.factories import MemberFactory, secretary
from tests.steering.factories import item_of, meeting_in_session


def _vote(meeting=None, **fields):
    meeting = meeting or meeting_in_session()
    return RoomVote.objects.create(
        meeting=meeting, agenda_item=item_of(meeting), proposal="x", opened_by=secretary(),
        **fields,
    )  # fmt: skip


def _vote_twice():
    member = MemberFactory()
    vote = _vote(meeting_in_session(present=[member]))
    for _twice in "12":
        RoomVoteRoll.objects.create(vote=vote, member=member, choice="for")


def _two_open_votes():
    meeting = meeting_in_session()
    _vote(meeting)
    _vote(meeting)


VIOLATIONS = {
    "s5_one_open_vote_per_meeting": _two_open_votes,
    "s5_room_vote_closed_with_decision": lambda: RoomVote.objects.filter(pk=_vote().pk).update(
        closed_at=timezone.now()
    ),
    "s5_room_vote_once_per_member": _vote_twice,
}


def _two_votes_one_decision():
    meeting = meeting_in_session()
    decision = Decision.objects.create(
        meeting=meeting, proposal="x", votes_for=1, votes_against=0, abstentions=0,
        recorded_by=secretary(),
    )  # fmt: skip
    for _twice in "12":
        _vote(meeting, closed_at=timezone.now(), closed_by=secretary(), decision=decision)


UNIQUE_FIELDS = {"steering.RoomVote.decision": _two_votes_one_decision}
