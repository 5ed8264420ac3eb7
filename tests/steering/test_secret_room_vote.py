"""A secret vote in the room against a backup taken while it is open (issue 17.5), with
the guarantees of the steering elections (tests/steering/test_secret_ballot.py).

A dump during a secret vote holds the roll (who voted) and the ballots (what was voted).
Nothing in it may tie one to the other: not the order of the rows, not their physical
place (ctid), not the transaction that wrote them (xmin), not a sequence or a timestamp.
The members vote one committed transaction each, as on their phones.
"""

import pytest

from steering.models import RoomVote
from steering.services.votes import vote_cast, vote_close, vote_open
from tests.members.factories import MemberFactory, secretary
from tests.steering.factories import item_of, meeting_in_session
from tests.steering.test_secret_ballot import copied_rows, dump_as_sql, system_columns

pytestmark = pytest.mark.django_db(transaction=True)

# Each vote is one of three choices: with 12 voters, the chance that a random order of
# the ballots repeats the roll's order of choices is 4! * 4! * 4! / 12! (1 in 34650).
CHOICES = ["for", "against", "abstain"] * 4


@pytest.fixture
def secret_vote_cast():
    members = MemberFactory.create_batch(len(CHOICES))
    meeting = meeting_in_session(present=members)
    vote = vote_open(
        item=item_of(meeting), proposal="Het jaarplan wordt vastgesteld.", secret=True,
        by=secretary(),
    )  # fmt: skip
    choice = {}
    for member, chosen in zip(members, CHOICES, strict=True):
        vote_cast(vote=vote, member=member, choice=chosen)
        choice[str(member.pk)] = chosen
    return vote, choice


def test_s5_secret_vote_a_dump_while_it_is_open_ties_no_member_to_a_choice(
    tmp_path, secret_vote_cast
):
    _vote, choice = secret_vote_cast
    sql = dump_as_sql(tmp_path)
    roll = copied_rows(sql, "steering_roomvoteroll")
    ballots = copied_rows(sql, "steering_roomballot")
    assert len(roll) == len(ballots) == len(CHOICES)

    # The roll has no choice; the ballot no voter, no time, no sequence.
    assert {row["choice"] for row in roll} == {""}
    assert set(ballots[0]) == {"id", "vote_id", "choice"}
    assert not [line for line in sql.splitlines() if "setval" in line and "roomballot" in line]

    # Row order: the n-th ballot in the dump is not the choice of the n-th member on the
    # roll (a ballot written beside its roll line would be).
    by_roll = [choice[row["member_id"]] for row in roll]
    assert [ballot["choice"] for ballot in ballots] != by_roll
    # The roll's own order is the voting order; the ballots have none.
    by_time = [choice[row["member_id"]] for row in sorted(roll, key=lambda r: r["voted_at"])]
    assert by_time == by_roll


def test_s5_secret_vote_xmin_and_ctid_tie_no_member_to_a_choice(secret_vote_cast):
    vote, choice = secret_vote_cast
    roll = system_columns("steering_roomvoteroll", "member_id")
    ballots = system_columns("steering_roomballot", "choice")
    by_roll = [choice[member] for member, _xmin in roll]

    # Physical order (what a dump and a sequential scan follow) is not the voting order.
    assert [chosen for chosen, _xmin in ballots] != by_roll
    # One transaction wrote every ballot: the last voter's, tied to all alike.
    box_xmins = {xmin for _key, xmin in ballots}
    assert len(box_xmins) == 1
    assert [member for member, xmin in roll if xmin in box_xmins] == [roll[-1][0]]

    # Closing writes the box once more: no xmin of the roll is left in it.
    vote_close(vote=RoomVote.objects.get(pk=vote.pk), by=secretary())
    box_xmins = {xmin for _key, xmin in system_columns("steering_roomballot", "choice")}
    assert len(box_xmins) == 1
    assert not box_xmins & {xmin for _member, xmin in roll}
