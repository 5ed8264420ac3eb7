"""The secret ballot against a backup taken while voting is open (S2, issue 15.5).

A dump of the database during voting holds the voter roll (who voted) and the ballot
box (what was voted). Nothing in it may tie one to the other: not the order of the rows
in the dump, not their physical place (ctid), not the transaction that wrote them
(xmin), not a sequence or a timestamp. These tests cast real votes, one committed
transaction each as in the portal, and read the project's own backup (asdg.backup, a
pg_dump) and the system columns.
"""

import datetime
import subprocess
import threading

import pytest
from django.db import connection
from django.utils import timezone

from asdg import backup
from steering.models import Ballot, BallotMark, Election, VoterRoll
from steering.services.elections import ballot_cast, election_close
from tests.members.factories import MemberFactory
from tests.steering.factories import CandidateFactory, ElectionFactory

VOTERS = 10  # each for another candidate: the chance that a random order is the roll's
# own is 1 in 10! (3.6 million)


def copied_rows(sql: str, table: str) -> list[dict[str, str]]:
    """The rows of `table` in a plain SQL dump, in the order the dump holds them."""
    lines = iter(sql.splitlines())
    for line in lines:
        if line.startswith(f"COPY public.{table} ("):
            columns = line.split("(", 1)[1].split(")", 1)[0].split(", ")
            break
    else:
        return []
    rows = []
    for line in lines:
        if line == "\\.":
            break
        rows.append(dict(zip(columns, line.split("\t"), strict=True)))
    return rows


def dump_as_sql(tmp_path) -> str:
    """The project's backup (custom format), turned into SQL by pg_restore."""
    made = backup.backup(folder=tmp_path, database=connection.settings_dict, media_root=None)
    result = subprocess.run(
        [
            backup.pg_tool("pg_restore", connection.settings_dict),
            "--data-only",
            "--file=-",
            str(made.dump),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def system_columns(table: str, key: str) -> list[tuple[str, str]]:
    """(key, xmin) of every row of `table`, in physical (ctid) order."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {key}::text, xmin::text FROM {table} ORDER BY ctid")  # noqa: S608
        return cursor.fetchall()


@pytest.fixture
def votes_cast():
    """VOTERS members vote, one after the other, each for another candidate."""
    election = ElectionFactory(seats=1)
    candidates = [CandidateFactory(election=election) for _ in range(VOTERS)]
    choice = {}
    for candidate in candidates:
        voter = MemberFactory()
        ballot_cast(election=election, member=voter, candidate_ids=[candidate.pk])
        choice[str(voter.pk)] = str(candidate.pk)
    return election, choice


@pytest.mark.django_db(transaction=True)
def test_s2_secret_ballot_a_dump_during_voting_ties_no_voter_to_a_choice(tmp_path, votes_cast):
    _election, choice = votes_cast
    sql = dump_as_sql(tmp_path)
    roll = copied_rows(sql, "steering_voterroll")
    ballots = copied_rows(sql, "steering_ballot")
    marks = copied_rows(sql, "steering_ballotmark")
    assert len(roll) == len(ballots) == len(marks) == VOTERS

    # The ballot side has no time and no sequence: a random key, the election, the mark.
    assert set(ballots[0]) == {"id", "election_id"}
    assert set(marks[0]) == {"id", "ballot_id", "candidate_id"}
    assert not [line for line in sql.splitlines() if "setval" in line and "ballot" in line]

    # Row order: the n-th ballot (and the n-th mark) in the dump is not the choice of the
    # n-th voter on the roll (today's code wrote them side by side, in voting order).
    by_roll = [choice[row["member_id"]] for row in roll]
    mark_of = {mark["ballot_id"]: mark["candidate_id"] for mark in marks}
    assert [mark_of[ballot["id"]] for ballot in ballots] != by_roll
    assert [mark["candidate_id"] for mark in marks] != by_roll
    # The roll's own order (its id, its time) is the voting order; the ballots have none.
    by_time = [choice[row["member_id"]] for row in sorted(roll, key=lambda r: r["voted_at"])]
    assert by_time == by_roll


@pytest.mark.django_db(transaction=True)
def test_s2_secret_ballot_xmin_and_ctid_tie_no_voter_to_a_choice(votes_cast):
    election, choice = votes_cast
    roll = system_columns("steering_voterroll", "member_id")
    ballots = system_columns("steering_ballot", "id")
    marks = system_columns("steering_ballotmark", "candidate_id")
    by_roll = [choice[member] for member, _xmin in roll]

    # Physical order (what a dump and a sequential scan follow) is not the voting order.
    assert [candidate for candidate, _xmin in marks] != by_roll
    # One transaction wrote every ballot and mark in the box: xmin tells no ballot from
    # another. It is the last voter's, who is tied to all ballots alike, so to none.
    box_xmins = {xmin for _key, xmin in ballots + marks}
    assert len(box_xmins) == 1
    assert [member for member, xmin in roll if xmin in box_xmins] == [roll[-1][0]]

    # After the count the box is written once more: no xmin of the roll is left in it.
    Election.objects.filter(pk=election.pk).update(
        voting_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    election_close(election=Election.objects.get(pk=election.pk))
    box_xmins = {
        xmin
        for _key, xmin in system_columns("steering_ballot", "id")
        + system_columns("steering_ballotmark", "candidate_id")
    }
    assert len(box_xmins) == 1
    assert not box_xmins & {xmin for _member, xmin in roll}


@pytest.mark.django_db(transaction=True)
def test_s2_secret_ballot_votes_at_the_same_moment_all_land_in_the_box_once():
    """Each vote rewrites the box under the election's lock: none lost, none doubled."""
    election = ElectionFactory(seats=1)
    candidates = [CandidateFactory(election=election) for _ in range(4)]
    voters = [MemberFactory() for _ in candidates]
    barrier = threading.Barrier(len(voters))
    failures = []

    def vote(voter, candidate):
        try:
            barrier.wait()
            ballot_cast(election=election, member=voter, candidate_ids=[candidate.pk])
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=vote, args=pair) for pair in zip(voters, candidates, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    marks = sorted(BallotMark.objects.values_list("candidate_id", flat=True))
    assert marks == sorted(c.pk for c in candidates)
    assert Ballot.objects.count() == VoterRoll.objects.count() == len(voters)
