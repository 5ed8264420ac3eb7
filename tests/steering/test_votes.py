"""Votes in the room (issue 17.5, S5 vote rules): the chair opens a vote on a proposal,
members marked present vote once on their phones, the chair closes it and the counts are
the meeting's decision; open (names recorded) or secret (counts only).

DESIGN.md has no rule id of its own for one vote per present member; these are the "S5"
vote rules (S5: the plenary decides), named test_s5_... ."""

import datetime
import logging
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import translation

from advices.models import Status
from steering.models import (
    Decision,
    Invitation,
    PlenaryMeeting,
    RoomBallot,
    RoomVote,
    RoomVoteRoll,
)
from steering.services.meetings import attendance_record, decision_record
from steering.services.votes import vote_cast, vote_close, vote_open
from tests.advices.factories import TrajectoryFactory, advance_to
from tests.harness import assert_queries_flat, login_verified
from tests.members.factories import MemberFactory, secretary, steering_member
from tests.steering.factories import draft_item, item_of, meeting_in_session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_messages():
    """The refusals are matched on their English msgids (the Dutch is in locale/)."""
    with translation.override("en"):
        yield


def _room(present=3, absent=1):
    """A meeting today with `present` members marked present and `absent` not."""
    members = MemberFactory.create_batch(present + absent)
    meeting = meeting_in_session(present=members[:present])
    return meeting, members[:present], members[present:]


def _open(meeting, *, secret=False, item=None, **kwargs):
    return vote_open(
        item=item or item_of(meeting),
        proposal="De ASDG stelt het jaarplan 2027 vast.",
        secret=secret,
        by=kwargs.pop("by", None) or secretary(),
        **kwargs,
    )


# --- Open, vote, close: the counts are the decision ---------------------------------------


def test_s5_present_members_vote_and_the_counts_become_the_decision(caplog):
    meeting, (a, b, c), _absent = _room()
    vote = _open(meeting)
    with caplog.at_level(logging.INFO, logger="asdg.audit"):
        vote_cast(vote=vote, member=a, choice="for")
        vote_cast(vote=vote, member=b, choice="for")
        vote_cast(vote=vote, member=c, choice="against")
    # An open vote: the names are recorded with the choices.
    assert dict(RoomVoteRoll.objects.values_list("member_id", "choice")) == {
        a.pk: "for", b.pk: "for", c.pk: "against",
    }  # fmt: skip
    assert not RoomBallot.objects.exists()
    decision = vote_close(vote=vote, by=secretary())
    assert (decision.votes_for, decision.votes_against, decision.abstentions) == (2, 1, 0)
    assert decision.adopted and decision.meeting == meeting
    assert decision.agenda_item == vote.agenda_item
    assert decision.proposal == vote.proposal
    vote.refresh_from_db()
    assert vote.decision == decision and vote.closed_at is not None


def test_s5_a_carried_vote_on_the_draft_item_adopts_the_advice():
    meeting, (a, b, c), _absent = _room()
    trajectory = advance_to(TrajectoryFactory(), Status.DRAFTING)
    vote = _open(meeting, item=draft_item(meeting, trajectory), adopts_advice=True)
    for member, choice in ((a, "for"), (b, "for"), (c, "abstain")):
        vote_cast(vote=vote, member=member, choice=choice)
    decision = vote_close(vote=vote, by=secretary())
    assert decision.trajectory == trajectory and decision.adopted
    trajectory.refresh_from_db()
    assert trajectory.status == Status.ADOPTED


def test_s5_a_defeated_vote_on_the_draft_item_leaves_the_advice_as_it_is():
    meeting, (a, b, _c), _absent = _room()
    trajectory = advance_to(TrajectoryFactory(), Status.DRAFTING)
    vote = _open(meeting, item=draft_item(meeting, trajectory), adopts_advice=True)
    vote_cast(vote=vote, member=a, choice="against")
    vote_cast(vote=vote, member=b, choice="for")
    decision = vote_close(vote=vote, by=secretary())
    assert not decision.adopted
    trajectory.refresh_from_db()
    assert trajectory.status == Status.DRAFTING


def test_s5_a_vote_cannot_adopt_a_draft_not_marked_ready():
    meeting, _present, _absent = _room()
    trajectory = advance_to(TrajectoryFactory(), Status.DRAFTING)
    item = draft_item(meeting, trajectory, ready=False)
    with pytest.raises(ValidationError) as refused:
        _open(meeting, item=item, adopts_advice=True)
    assert "adopts_advice" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _open(meeting, item=item_of(meeting), adopts_advice=True)  # no draft on this item
    assert "adopts_advice" in refused.value.message_dict
    assert not RoomVote.objects.exists()


def test_s5_the_show_of_hands_is_still_recorded_by_hand():
    meeting, _present, _absent = _room()
    decision = decision_record(
        meeting=meeting, proposal="Handopsteking", votes_for=2, votes_against=1,
        abstentions=0, agenda_item=item_of(meeting), by=secretary(),
    )  # fmt: skip
    assert decision.adopted and not RoomVote.objects.exists()


# --- Who votes, when, and how often ------------------------------------------------------


def test_s5_a_member_not_marked_present_cannot_vote():
    meeting, _present, (absent,) = _room()
    vote = _open(meeting)
    with pytest.raises(ValidationError) as refused:
        vote_cast(vote=vote, member=absent, choice="for")
    assert "marked present" in str(refused.value)
    with pytest.raises(ValidationError):
        vote_cast(vote=vote, member=None, choice="for")
    assert not RoomVoteRoll.objects.exists()


def test_s5_database_refuses_a_vote_of_a_member_not_present():
    meeting, _present, (absent,) = _room()
    vote = _open(meeting)
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        RoomVoteRoll.objects.create(vote=vote, member=absent, choice="for")
    assert "s5_room_vote_by_present_members_while_open" in str(refused.value)


def test_s5_database_refuses_a_vote_once_the_vote_is_closed():
    meeting, (a, b, _c), _absent = _room()
    vote = _open(meeting)
    vote_cast(vote=vote, member=a, choice="for")
    vote_close(vote=vote, by=secretary())
    with pytest.raises(ValidationError) as refused:
        vote_cast(vote=vote, member=b, choice="for")
    assert "closed" in str(refused.value)
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        RoomVoteRoll.objects.create(vote=vote, member=b, choice="for")
    assert "s5_room_vote_by_present_members_while_open" in str(refused.value)
    assert RoomVoteRoll.objects.count() == 1


def test_s5_voting_twice_is_refused():
    meeting, (a, _b, _c), _absent = _room()
    vote = _open(meeting)
    vote_cast(vote=vote, member=a, choice="for")
    with pytest.raises(ValidationError) as refused:
        vote_cast(vote=vote, member=a, choice="against")
    assert "already voted" in str(refused.value)
    assert RoomVoteRoll.objects.get().choice == "for"


def test_s5_a_choice_other_than_for_against_or_abstain_is_refused():
    meeting, (a, _b, _c), _absent = _room()
    vote = _open(meeting)
    with pytest.raises(ValidationError) as refused:
        vote_cast(vote=vote, member=a, choice="maybe")
    assert "choice" in refused.value.message_dict


@pytest.mark.django_db(transaction=True)
def test_s5_double_vote_race_records_one_vote():
    """The same member votes twice at the same moment (two connections): one row."""
    meeting, (a, _b, _c), _absent = _room()
    vote = _open(meeting)
    barrier = threading.Barrier(2)
    errors, done = [], []

    def cast(choice):
        try:
            barrier.wait()
            vote_cast(vote=vote, member=a, choice=choice)
            done.append(choice)
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=cast, args=(choice,)) for choice in ("for", "against")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(done) == 1 and len(errors) == 1
    assert RoomVoteRoll.objects.filter(vote=vote, member=a).count() == 1
    assert RoomVoteRoll.objects.get().choice == done[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("secret", [False, True])
def test_s5_a_vote_cast_while_the_chair_closes_is_counted_or_refused_never_lost(secret):
    """Closing and voting at the same moment: the decision counts every stored vote."""
    meeting, (a, b, _c), _absent = _room()
    vote = _open(meeting, secret=secret)
    vote_cast(vote=vote, member=a, choice="for")
    barrier = threading.Barrier(2)
    refused = []

    def close():
        try:
            barrier.wait()
            vote_close(vote=vote, by=secretary())
        finally:
            connection.close()

    def cast():
        try:
            barrier.wait()
            vote_cast(vote=vote, member=b, choice="against")
        except ValidationError as error:
            refused.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=close), threading.Thread(target=cast)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    decision = Decision.objects.get()
    counted = decision.votes_for + decision.votes_against + decision.abstentions
    assert counted == RoomVoteRoll.objects.filter(vote=vote).count() == 2 - len(refused)
    if secret:
        assert RoomBallot.objects.filter(vote=vote).count() == counted


@pytest.mark.django_db(transaction=True)
def test_s5_secret_votes_at_the_same_moment_all_land_in_the_box_once():
    meeting, present, _absent = _room(present=4)
    vote = _open(meeting, secret=True)
    barrier = threading.Barrier(len(present))
    failures = []

    def cast(member, choice):
        try:
            barrier.wait()
            vote_cast(vote=vote, member=member, choice=choice)
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connection.close()

    choices = ["for", "for", "against", "abstain"]
    threads = [
        threading.Thread(target=cast, args=pair) for pair in zip(present, choices, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert sorted(RoomBallot.objects.values_list("choice", flat=True)) == sorted(choices)
    assert RoomVoteRoll.objects.count() == len(present)


def test_s5_one_vote_open_at_a_time_per_meeting():
    meeting, _present, _absent = _room()
    _open(meeting)
    with pytest.raises(ValidationError) as refused:
        _open(meeting)
    assert "agenda_item" in refused.value.message_dict
    assert RoomVote.objects.count() == 1


def test_s5_a_vote_is_held_on_the_day_of_the_meeting():
    members = MemberFactory.create_batch(2)
    meeting = meeting_in_session(present=members)
    PlenaryMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at - datetime.timedelta(days=3),
        ends_at=meeting.ends_at - datetime.timedelta(days=3),
    )
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        _open(meeting)
    assert "day of the meeting" in str(refused.value)


def test_s5_a_vote_left_open_is_not_voted_on_after_the_meetings_day():
    meeting, (a, _b, _c), _absent = _room()
    vote = _open(meeting)
    PlenaryMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at - datetime.timedelta(days=1),
        ends_at=meeting.ends_at - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as refused:
        vote_cast(vote=vote, member=a, choice="for")
    assert "day of the meeting" in str(refused.value)
    assert vote_close(vote=vote, by=secretary()).votes_for == 0  # the chair still closes it


def test_s5_a_vote_needs_the_presence_marked_first():
    MemberFactory.create_batch(2)
    meeting = meeting_in_session()
    with pytest.raises(ValidationError) as refused:
        _open(meeting)
    assert "present" in str(refused.value)


def test_s5_who_voted_in_an_open_vote_stays_present_until_it_closes():
    meeting, (a, b, c), _absent = _room()
    vote = _open(meeting)
    vote_cast(vote=vote, member=a, choice="for")
    with pytest.raises(ValidationError) as refused:
        attendance_record(meeting=meeting, attended_member_ids=[b.pk, c.pk], by=None)
    assert "attended" in refused.value.message_dict
    assert Invitation.objects.get(meeting=meeting, member=a).attended is True
    # A latecomer is added while the vote is open, and may vote.
    late = MemberFactory()
    Invitation.objects.create(meeting=meeting, member=late)
    attendance_record(meeting=meeting, attended_member_ids=[a.pk, b.pk, c.pk, late.pk], by=None)
    vote_cast(vote=vote, member=late, choice="against")


def test_s5_a_closed_vote_stays_as_it_was_closed():
    meeting, (a, _b, _c), _absent = _room()
    vote = _open(meeting)
    vote_cast(vote=vote, member=a, choice="for")
    vote_close(vote=vote, by=secretary())
    with pytest.raises(ValidationError):
        vote_close(vote=vote, by=secretary())
    for change in ({"closed_at": None}, {"proposal": "Iets anders"}, {"secret": True}):
        with pytest.raises(IntegrityError) as refused, transaction.atomic():
            RoomVote.objects.filter(pk=vote.pk).update(**change)
        assert "s5_room_vote_fixed_once_opened" in str(refused.value)
    assert Decision.objects.count() == 1


def test_s5_database_refuses_a_vote_on_an_item_of_another_meeting():
    meeting, _present, _absent = _room()
    other = meeting_in_session(title="Andere bijeenkomst")
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        RoomVote.objects.create(
            meeting=meeting, agenda_item=item_of(other), proposal="x", opened_by=secretary()
        )
    assert "s5_room_vote_on_an_item_of_its_meeting" in str(refused.value)


# --- Secret votes: counts only -----------------------------------------------------------


def test_s5_a_secret_vote_keeps_who_voted_apart_from_how():
    meeting, (a, b, c), _absent = _room()
    vote = _open(meeting, secret=True)
    for member, choice in ((a, "for"), (b, "against"), (c, "for")):
        vote_cast(vote=vote, member=member, choice=choice)
    assert set(RoomVoteRoll.objects.values_list("choice", flat=True)) == {""}
    assert sorted(RoomBallot.objects.values_list("choice", flat=True)) == [
        "against", "for", "for",
    ]  # fmt: skip
    decision = vote_close(vote=vote, by=secretary())
    assert (decision.votes_for, decision.votes_against, decision.abstentions) == (2, 1, 0)


def test_s5_database_refuses_a_choice_on_the_roll_of_a_secret_vote():
    meeting, (a, _b, _c), _absent = _room()
    vote = _open(meeting, secret=True)
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        RoomVoteRoll.objects.create(vote=vote, member=a, choice="for")
    assert "s5_room_vote_choice_only_when_open" in str(refused.value)
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        RoomBallot.objects.create(vote=_open_vote_elsewhere(), choice="for")
    assert "s5_room_ballot_only_in_an_open_secret_vote" in str(refused.value)


def _open_vote_elsewhere():
    members = MemberFactory.create_batch(1)
    meeting = meeting_in_session(present=members, title="Open stemming")
    return _open(meeting)  # an open (not secret) vote takes no ballots


def test_s5_a_secret_ballot_has_no_stored_path_to_its_voter():
    from django.db import models

    from members.models import Member, User

    fields = RoomBallot._meta.get_fields(include_hidden=True)
    related = {f.related_model for f in fields if f.is_relation and f.related_model}
    assert not related & {Member, User, RoomVoteRoll}
    assert not any(isinstance(f, models.DateField | models.DateTimeField) for f in fields)
    assert {f.name for f in RoomBallot._meta.concrete_fields} == {"id", "vote", "choice"}
    assert isinstance(RoomBallot._meta.pk, models.UUIDField) and not RoomBallot._meta.ordering


# --- The pages ---------------------------------------------------------------------------


def _url(name, meeting, *args):
    return reverse(f"steering_meeting:{name}", args=[meeting.pk, *args])


def test_s5_a_present_member_votes_on_the_phone_page(client):
    meeting, (a, _b, _c), _absent = _room()
    vote = _open(meeting)
    login_verified(client, a.user)
    page = client.get(_url("vote", meeting))
    assert b'id="ballot-form"' in page.content
    response = client.post(_url("vote", meeting), {"vote": vote.pk, "choice": "against"})
    assert response.status_code == 302
    assert RoomVoteRoll.objects.get(member=a).choice == "against"
    page = client.get(_url("vote", meeting))
    assert b'id="has-voted"' in page.content and b'id="ballot-form"' not in page.content
    # A second post is refused with a message on the page, not saved.
    again = client.post(_url("vote", meeting), {"vote": vote.pk, "choice": "for"})
    assert again.status_code == 200 and again.context["form"].errors
    assert RoomVoteRoll.objects.get(member=a).choice == "against"


def test_s5_the_phone_page_refuses_a_member_not_present_and_a_closed_vote(client):
    meeting, (a, _b, _c), (absent,) = _room()
    vote = _open(meeting)
    login_verified(client, absent.user)
    page = client.get(_url("vote", meeting))
    assert b'id="not-present"' in page.content and b'id="ballot-form"' not in page.content
    client.post(_url("vote", meeting), {"vote": vote.pk, "choice": "for"})
    assert not RoomVoteRoll.objects.exists()
    vote_close(vote=vote, by=secretary())
    login_verified(client, a.user)
    response = client.post(_url("vote", meeting), {"vote": vote.pk, "choice": "for"})
    assert response.status_code == 302 and not RoomVoteRoll.objects.exists()


def test_s5_a_missing_choice_is_an_error_on_the_field(client):
    meeting, (a, _b, _c), _absent = _room()
    vote = _open(meeting)
    login_verified(client, a.user)
    response = client.post(_url("vote", meeting), {"vote": vote.pk})
    assert response.status_code == 200 and "choice" in response.context["form"].errors


def _former_member():
    return MemberFactory(
        start_date=datetime.date(2021, 1, 1), ended_on=datetime.date(2022, 1, 1),
        end_reason="resigned",
    )  # fmt: skip


@pytest.mark.parametrize("page", ["vote", "projector"])
def test_s5_the_vote_pages_are_404_to_a_former_member_and_need_a_login(client, page):
    meeting, _present, _absent = _room()
    _open(meeting)
    assert client.get(_url(page, meeting)).status_code == 302  # to the login page
    login_verified(client, _former_member().user)
    assert client.get(_url(page, meeting)).status_code == 404


def test_s5_the_projector_shows_a_secret_vote_only_as_the_number_cast(client):
    meeting, (a, b, _c), _absent = _room()
    vote = _open(meeting, secret=True)
    vote_cast(vote=vote, member=a, choice="for")
    vote_cast(vote=vote, member=b, choice="against")
    login_verified(client, a.user)
    page = client.get(_url("projector", meeting))
    assert page.context["current"].voted == 2 and page.context["current"].present == 3
    assert b'id="counts"' not in page.content and b'id="secret-note"' in page.content
    vote_close(vote=vote, by=secretary())
    page = client.get(_url("projector", meeting))
    assert b'id="counts"' in page.content and b'id="outcome"' in page.content


def test_s5_the_projector_shows_an_open_vote_live(client):
    meeting, (a, b, c), _absent = _room()
    vote = _open(meeting)
    vote_cast(vote=vote, member=a, choice="for")
    vote_cast(vote=vote, member=b, choice="abstain")
    login_verified(client, c.user)
    page = client.get(_url("projector", meeting))
    tally = page.context["current"]
    assert (tally.votes_for, tally.votes_against, tally.abstentions) == (1, 0, 1)
    assert b'id="count-for"' in page.content and b'id="outcome"' not in page.content
    assert b"live-count.js" in page.content


def test_s5_the_chair_marks_presence_opens_and_closes_a_vote(client):
    members = MemberFactory.create_batch(3)
    meeting = meeting_in_session()
    chair = steering_member()
    login_verified(client, chair)
    assert client.get(_url("chair", meeting)).status_code == 200
    response = client.post(
        _url("presence", meeting), {"attended": [str(m.pk) for m in members[:2]]}
    )
    assert response.status_code == 302
    assert Invitation.objects.filter(meeting=meeting, attended=True).count() == 2
    item = item_of(meeting)
    response = client.post(
        _url("vote-open", meeting),
        {"agenda_item": item.pk, "proposal": "Het jaarplan wordt vastgesteld.", "secret": "on"},
    )
    assert response.status_code == 302
    vote = RoomVote.objects.get()
    assert vote.secret and vote.opened_by == chair
    vote_cast(vote=vote, member=members[0], choice="for")
    response = client.post(_url("vote-close", meeting, vote.pk))
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.votes_for, decision.recorded_by) == (1, chair)


def test_s5_the_chair_sees_a_refusal_on_the_field(client):
    meeting, _present, _absent = _room()
    login_verified(client, secretary())
    response = client.post(
        _url("vote-open", meeting), {"agenda_item": item_of(meeting).pk, "proposal": ""}
    )
    assert response.status_code == 200
    assert "proposal" in response.context["open_form"].errors
    _open(meeting)
    response = client.post(
        _url("vote-open", meeting), {"agenda_item": item_of(meeting).pk, "proposal": "Nog één"}
    )
    assert response.status_code == 200
    assert "agenda_item" in response.context["open_form"].errors
    assert RoomVote.objects.count() == 1


def test_s5_a_member_cannot_chair(client):
    meeting, (a, _b, _c), _absent = _room()
    login_verified(client, a.user)
    assert client.get(_url("chair", meeting)).status_code == 403
    response = client.post(
        _url("vote-open", meeting), {"agenda_item": item_of(meeting).pk, "proposal": "x"}
    )
    assert response.status_code == 403 and not RoomVote.objects.exists()


def test_the_meeting_page_and_the_to_do_list_point_a_present_member_to_the_open_vote(client):
    meeting, (a, _b, _c), _absent = _room()
    vote = _open(meeting)
    login_verified(client, a.user)
    page = client.get(reverse("steering_meeting:detail", args=[meeting.pk]))
    assert b'id="vote-open-notice"' in page.content
    home = client.get(reverse("portal"))
    assert f'data-task="room-vote-{vote.pk}"'.encode() in home.content
    vote_cast(vote=vote, member=a, choice="for")
    home = client.get(reverse("portal"))
    assert f'data-task="room-vote-{vote.pk}"'.encode() not in home.content


def test_a_closed_vote_is_read_only_in_the_admin(secretariat_client):
    meeting, (a, _b, _c), _absent = _room()
    vote = _open(meeting)
    vote_cast(vote=vote, member=a, choice="for")
    url = reverse("admin:steering_roomvote_change", args=[vote.pk])
    page = secretariat_client.get(url)
    assert page.status_code == 200 and b'name="proposal"' not in page.content
    assert secretariat_client.get(reverse("admin:steering_roomvote_add")).status_code == 403


def test_the_chair_page_and_the_projector_queries_stay_flat(client):
    meeting, (a, b, _c), _absent = _room()
    login_verified(client, secretary())

    def grow(n):
        for index in range(n):
            vote = _open(meeting, secret=bool(index % 2))
            vote_cast(vote=vote, member=a, choice="for")
            vote_cast(vote=vote, member=b, choice="against")
            vote_close(vote=vote, by=secretary())

    assert_queries_flat(lambda: client.get(_url("chair", meeting)), grow, factor=4)
    assert_queries_flat(lambda: client.get(_url("projector", meeting)), grow, factor=4)


def test_the_admin_meeting_page_links_to_the_chairs_page(secretariat_client):
    meeting, _present, _absent = _room()
    url = reverse("admin:steering_plenarymeeting_change", args=[meeting.pk])
    page = secretariat_client.get(url)
    assert _url("chair", meeting).encode() in page.content
