"""Seats of the steering group (S1–S3): assign, end, roles, and the admin that uses them."""

import datetime
import re
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from members.models import Member, TermExtensionRequest
from members.services.membership import member_end, term_extension_decide, term_extension_request
from steering.models import Ballot, BallotMark, Seat, SeatEndReason, SeatRole, SeatSource, Task
from steering.selectors.governance import seat_of, seats_held_on
from steering.services.seats import seat_assign, seat_end, seat_update_role
from tests.members.factories import MemberFactory, secretary
from tests.steering.factories import CandidateFactory, SeatFactory, election_voting_closed

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _elected(member=None, **election_fields):
    """A counted election in which `member` was elected: what an ELECTED seat needs (S2)."""
    election = election_voting_closed(**election_fields)
    election.results_at = timezone.now()
    election.save()
    candidate = CandidateFactory(election=election, member=member or MemberFactory(), elected=True)
    return election, candidate.member


def _assign(member=None, *, starts_on=None, term_years=1, **kwargs):
    election, member = _elected(member, seats=6)
    fields = {
        "member": member,
        "role": SeatRole.MEMBER,
        "tasks": [],
        "starts_on": starts_on or TODAY(),
        "term_years": term_years,
        "source": SeatSource.ELECTED,
        "election": election,
        "by": secretary(),
    }
    return seat_assign(**{**fields, **kwargs})


def _six_held(term_years=4):
    return SeatFactory.create_batch(
        6, term_years=term_years, starts_on=TODAY() - datetime.timedelta(100)
    )


# --- S1 ---------------------------------------------------------------------------------


def test_s1_seventh_seat_is_refused():
    _six_held()
    with pytest.raises(ValidationError) as refused:
        _assign()
    assert "starts_on" in refused.value.message_dict
    assert re.search("at most|ten hoogste", refused.value.message_dict["starts_on"][0])  # S1
    assert seats_held_on().count() == 6


def test_s1_a_seat_after_the_others_end_is_allowed_but_not_while_they_overlap():
    seats = _six_held(term_years=1)
    last_day = seats[0].term_end
    with pytest.raises(ValidationError):
        _assign(starts_on=last_day)  # the last day of the six is part of the new term
    seat = _assign(starts_on=last_day + datetime.timedelta(1))
    assert seat.pk


def test_s1_a_seat_ended_early_frees_its_place():
    seats = _six_held()
    seat_end(seat=seats[0], on=TODAY(), reason=SeatEndReason.RESIGNED, by=secretary())
    assert _assign().pk  # from today: the ended seat is no longer held (ended_on is exclusive)


def test_s1_only_a_sitting_member_holds_a_seat():
    member = MemberFactory()
    election, member = _elected(member)
    member_end(member=member, on=TODAY(), reason=Member.EndReason.RESIGNED)
    with pytest.raises(ValidationError) as refused:
        _assign(member)
    assert re.search("sitting member|zittend lid", refused.value.message_dict["member"][0])


def test_s1_member_holds_one_seat_at_a_time():
    member = MemberFactory()
    _assign(member, term_years=2)
    with pytest.raises(ValidationError) as refused:
        _assign(member, starts_on=TODAY() + datetime.timedelta(200))
    assert "member" in refused.value.message_dict


def test_s1_membership_end_ends_the_seat():
    """The database trigger (steering 0002): members never calls steering."""
    member = MemberFactory(start_date=TODAY() - datetime.timedelta(1000))
    held = SeatFactory(member=member)
    future = SeatFactory(member=member, starts_on=TODAY() + datetime.timedelta(400), term_years=1)
    finished = SeatFactory(member=member, starts_on=TODAY() - datetime.timedelta(1000))
    other = SeatFactory()
    member_end(member=member, on=TODAY(), reason=Member.EndReason.INCOMPATIBLE)
    held.refresh_from_db()
    future.refresh_from_db()
    finished.refresh_from_db()
    other.refresh_from_db()
    assert (held.ended_on, held.end_reason) == (TODAY(), SeatEndReason.MEMBERSHIP)
    # A seat not started yet ends on its first day: it is never held.
    assert future.ended_on == future.starts_on and not future.is_held_on(future.starts_on)
    assert finished.ended_on is None  # its term was over already
    assert other.ended_on is None
    assert not seats_held_on().filter(member=member).exists()


def test_s1_membership_trigger_is_reversible():
    from steering.migrations import __path__ as migrations_path  # noqa: F401

    module = __import__(
        "steering.migrations.0002_seats_end_with_membership", fromlist=["Migration"]
    )
    (operation,) = module.Migration.operations
    assert operation.reversible and "DROP TRIGGER" in operation.reverse_sql


@pytest.mark.django_db(transaction=True)
def test_s1_seventh_seat_race_makes_no_seventh_seat():
    """Two assignments at the same moment, each in its own connection: one gets the sixth."""
    SeatFactory.create_batch(5, term_years=4, starts_on=TODAY() - datetime.timedelta(100))
    by = secretary()
    pairs = [_elected(seats=1) for _ in range(2)]
    barrier = threading.Barrier(2)
    errors, made = [], []

    def assign(election, member, term):
        try:
            barrier.wait()
            made.append(
                seat_assign(
                    member=member,
                    role=SeatRole.MEMBER,
                    tasks=[],
                    starts_on=TODAY(),
                    term_years=term,
                    source=SeatSource.ELECTED,
                    election=election,
                    by=by,
                )
            )
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=assign, args=(*pair, term))
        for pair, term in zip(pairs, [1, 2], strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1 and len(errors) == 1, (made, errors)
    assert re.search("at most|ten hoogste", str(errors[0]))  # S1
    assert seats_held_on().count() == 6


# --- S2 ---------------------------------------------------------------------------------


def test_s2_appointed_only_for_the_first_steering_group():
    with pytest.raises(ValidationError) as refused:
        _assign(source=SeatSource.APPOINTED, election=None, starts_on=datetime.date(2023, 1, 1))
    assert re.search("first steering|eerste stuurgroep", refused.value.message_dict["source"][0])
    member = MemberFactory(start_date=datetime.date(2021, 1, 1))
    seat = seat_assign(
        member=member,
        role=SeatRole.CHAIR,
        tasks=[Task.CHAIRING],
        starts_on=datetime.date(2021, 1, 1),
        term_years=2,
        source=SeatSource.APPOINTED,
        by=secretary(),
    )
    assert seat.source == SeatSource.APPOINTED and seat.election is None


def test_s2_an_elected_seat_needs_the_member_elected_in_a_counted_election():
    with pytest.raises(ValidationError) as refused:
        _assign(election=None)
    assert "election" in refused.value.message_dict
    election, _winner = _elected()
    with pytest.raises(ValidationError) as refused:
        _assign(MemberFactory(), election=election)  # not elected in it
    assert re.search("not elected|niet gekozen", refused.value.message_dict["member"][0])
    open_election = election_voting_closed()
    CandidateFactory(election=open_election, member=(member := MemberFactory()), elected=True)
    with pytest.raises(ValidationError) as refused:
        _assign(member, election=open_election)  # not counted
    assert "election" in refused.value.message_dict


def test_s2_an_election_fills_no_more_seats_than_it_elects():
    election, first = _elected(seats=1)
    CandidateFactory(election=election, member=(second := MemberFactory()), elected=True)
    _assign(first, election=election)
    with pytest.raises(ValidationError) as refused:
        _assign(second, election=election, term_years=2)
    assert "election" in refused.value.message_dict


# --- S3 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("years", [0, 5])
def test_s3_term_is_one_to_four_years(years):
    with pytest.raises(ValidationError) as refused:
        _assign(term_years=years)
    assert re.search("1 to 4|1 tot 4", refused.value.message_dict["term_years"][0])  # S3
    assert not Seat.objects.exists()


# --- End and roles ----------------------------------------------------------------------


def test_seat_end_records_date_and_reason_once():
    seat = _assign(term_years=2)
    seat_end(seat=seat, on=TODAY(), reason=SeatEndReason.RESIGNED, by=secretary())
    seat.refresh_from_db()
    assert (seat.ended_on, seat.end_reason) == (TODAY(), SeatEndReason.RESIGNED)
    with pytest.raises(ValidationError):
        seat_end(seat=seat, on=TODAY(), reason=SeatEndReason.RESIGNED, by=secretary())


def test_seat_end_within_the_term_only():
    seat = _assign(starts_on=TODAY() + datetime.timedelta(10))
    with pytest.raises(ValidationError) as refused:
        seat_end(seat=seat, on=TODAY(), reason=SeatEndReason.RESIGNED, by=secretary())
    assert "ended_on" in refused.value.message_dict


def test_seat_update_role_keeps_tasks_from_the_regulation():
    seat = _assign()
    seat = seat_update_role(
        seat=seat, role=SeatRole.SECRETARY, tasks=[Task.SECRETARIAT, Task.CHAIRING], by=None
    )
    assert seat.role == SeatRole.SECRETARY
    assert seat.tasks == [Task.CHAIRING, Task.SECRETARIAT]  # the regulation's order
    with pytest.raises(ValidationError) as refused:
        seat_update_role(seat=seat, role=SeatRole.MEMBER, tasks=["koffie"], by=None)
    assert "tasks" in refused.value.message_dict


def test_seat_of_a_member():
    seat = _assign()
    assert seat_of(seat.member) == seat
    assert seat_of(MemberFactory()) is None


# --- Admin ------------------------------------------------------------------------------


def _admin_add(client, **data):
    return client.post(reverse("admin:steering_seat_add"), data)


def test_admin_adds_a_seat_through_the_service(secretariat_client):
    election, member = _elected()
    response = _admin_add(
        secretariat_client,
        member=member.pk,
        role=SeatRole.TREASURER,
        tasks=[Task.SECRETARIAT],
        source=SeatSource.ELECTED,
        election=election.pk,
        starts_on=TODAY().isoformat(),
        term_years=2,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    seat = Seat.objects.get()
    assert (seat.member, seat.role, seat.tasks) == (member, SeatRole.TREASURER, [Task.SECRETARIAT])


def test_admin_shows_the_refusal_on_the_field(secretariat_client):
    _six_held()
    election, member = _elected()
    response = _admin_add(
        secretariat_client,
        member=member.pk,
        role=SeatRole.MEMBER,
        source=SeatSource.ELECTED,
        election=election.pk,
        starts_on=TODAY().isoformat(),
        term_years=1,
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "starts_on" in errors and Seat.objects.count() == 6


def test_admin_action_ends_seats(secretariat_client):
    seat = SeatFactory()
    response = secretariat_client.post(
        reverse("admin:steering_seat_changelist"),
        {
            "action": "end_seats",
            "_selected_action": [seat.pk],
            "apply": "1",
            "ended_on": TODAY().isoformat(),
            "end_reason": SeatEndReason.RESIGNED,
        },
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.ended_on == TODAY()


def test_admin_changes_role_and_tasks(secretariat_client):
    seat = SeatFactory()
    response = secretariat_client.post(
        reverse("admin:steering_seat_change", args=[seat.pk]),
        {"role": SeatRole.CHAIR, "tasks": [Task.CHAIRING, Task.CONTACT]},
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.role == SeatRole.CHAIR and seat.tasks == [Task.CHAIRING, Task.CONTACT]


def test_admin_seat_list_filters(secretariat_client):
    SeatFactory()
    SeatFactory(starts_on=TODAY() - datetime.timedelta(2000))
    url = reverse("admin:steering_seat_changelist")
    assert secretariat_client.get(url, {"held": "yes"}).context["cl"].result_count == 1
    assert secretariat_client.get(url, {"held": "no"}).context["cl"].result_count == 1
    assert secretariat_client.get(url, {"ending": "soon"}).status_code == 200


# --- S1/S2: a seat lies within its holder's membership (issue 21.4) ------------------------


def _member_since(start, term_years=4, **fields):
    return MemberFactory(start_date=start, term_years=term_years, **fields)


def test_s1_seat_before_the_membership_starts_is_refused_by_the_service():
    member = _member_since(datetime.date(2026, 1, 1))
    with pytest.raises(ValidationError) as refused:
        seat_assign(
            member=member, role=SeatRole.MEMBER, tasks=[], starts_on=datetime.date(2021, 1, 1),
            term_years=1, source=SeatSource.APPOINTED, by=secretary(),
        )  # fmt: skip
    assert "starts_on" in refused.value.message_dict
    assert not Seat.objects.exists()


def test_s1_seat_past_the_membership_and_its_possible_extension_is_refused():
    # Member to 31-12-2027; with a possible extension at most to 31-12-2028.
    member = _member_since(datetime.date(2024, 1, 1))
    election, member = _elected(member, seats=6)
    with pytest.raises(ValidationError) as refused:
        _assign(member, starts_on=datetime.date(2026, 1, 1), term_years=4, election=election)
    assert "term_years" in refused.value.message_dict
    # Within the possible extension it is allowed.
    seat = _assign(member, starts_on=datetime.date(2026, 1, 1), term_years=3, election=election)
    assert seat.term_end == datetime.date(2028, 12, 31)


def _granted(member, months):
    """Extend the term the one way M7 leaves: the secretariat grants the member's request."""
    request = term_extension_request(member=member, months=months)
    term_extension_decide(request=request, grant=True, by=secretary())
    member.refresh_from_db()
    return member


def _granted_in_the_database(member, months):
    """A granted request written around the services: the triggers set the extension."""
    return TermExtensionRequest.objects.create(
        member=member, months=months, status="granted", decided_at=timezone.now()
    )


def test_s1_seat_past_a_granted_extension_is_refused():
    # Extended once by 6 months (M7): no further extension, so the term end is the limit.
    member = _granted(_member_since(datetime.date(2024, 1, 1)), 6)
    election, member = _elected(member, seats=6)
    with pytest.raises(ValidationError) as refused:
        _assign(member, starts_on=datetime.date(2026, 1, 1), term_years=3, election=election)
    assert "term_years" in refused.value.message_dict


def test_s1_database_refuses_a_seat_outside_the_membership():
    member = _member_since(datetime.date(2026, 1, 1))
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        SeatFactory(member=member, starts_on=datetime.date(2025, 6, 1), term_years=1)
    assert "s1_seat_within_membership" in str(refused.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        SeatFactory(member=member, starts_on=datetime.date(2027, 6, 1), term_years=4)
    # To 2030-12-31: the term (to 2029) and a possible extension of a year.
    assert SeatFactory(member=member, starts_on=datetime.date(2027, 1, 1), term_years=4)


def test_s1_database_refuses_moving_a_seat_outside_the_membership():
    member = _member_since(datetime.date(2026, 1, 1))
    seat = SeatFactory(member=member, starts_on=datetime.date(2026, 2, 1), term_years=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Seat.objects.filter(pk=seat.pk).update(starts_on=datetime.date(2025, 2, 1))


def test_s1_database_refuses_shortening_a_membership_under_a_seat():
    member = _member_since(datetime.date(2024, 1, 1))  # to 2027, at most 2028
    # To 2028-12-31: the seat needs the possible extension of a year.
    SeatFactory(member=member, starts_on=datetime.date(2026, 1, 1), term_years=3)
    # Start and term are fixed at admission (M7), so they cannot move from under the seat.
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Member.objects.filter(pk=member.pk).update(term_years=2)
    assert "m7_term_fixed_at_admission" in str(refused.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.filter(pk=member.pk).update(start_date=datetime.date(2026, 6, 1))
    # What still shortens it: an extension granted for less than the year (to 2028-06-30).
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        _granted_in_the_database(member, 6)
    assert "s1_membership_covers_its_seats" in str(refused.value)
    # Granting a 12-month extension keeps the seat inside; ending the membership ends
    # the seat (s1_seat_ends_with_membership), which is allowed.
    _granted_in_the_database(member, 12)
    member_end(member=member, on=datetime.date(2026, 12, 1), reason="resigned", by=secretary())
    assert Seat.objects.get(member=member).ended_on == datetime.date(2026, 12, 1)


def test_s1_membership_end_also_ends_a_seat_set_to_end_later():
    member = _member_since(datetime.date(2024, 1, 1))
    seat = SeatFactory(member=member, starts_on=datetime.date(2026, 1, 1), term_years=2)
    Seat.objects.filter(pk=seat.pk).update(
        ended_on=datetime.date(2027, 6, 1), end_reason="resigned"
    )
    member_end(member=member, on=datetime.date(2026, 12, 1), reason="resigned", by=secretary())
    seat.refresh_from_db()
    assert seat.ended_on == datetime.date(2026, 12, 1)
    assert seat.end_reason == SeatEndReason.MEMBERSHIP


def test_s1_seat_within_membership_trigger_is_reversible():
    module = __import__("steering.migrations.0006_seats_within_membership", fromlist=["Migration"])
    (operation,) = module.Migration.operations
    assert operation.reversible and "DROP TRIGGER" in operation.reverse_sql


def test_s1_admin_add_seat_before_the_membership_shows_it_on_the_field(secretariat_client):
    member = _member_since(datetime.date(2026, 1, 1))
    response = _admin_add(
        secretariat_client,
        member=member.pk,
        role=SeatRole.MEMBER,
        source=SeatSource.APPOINTED,
        starts_on="2021-01-01",
        term_years=1,
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "starts_on" in errors, errors
    assert not Seat.objects.exists()


def test_s2_election_result_seats_only_members_whose_membership_covers_the_term():
    from steering.services.elections import election_close

    election = election_voting_closed(seats=1, term_years=4)
    short = MemberFactory(start_date=datetime.date(2025, 1, 1), term_years=1)  # to 2026
    candidate = CandidateFactory(election=election, member=short)
    ballot = Ballot.objects.create(election=election)
    BallotMark.objects.create(ballot=ballot, candidate=candidate)
    election_close(election=election, by=secretary())
    # The result stands; the seat is not assigned and the note says why.
    candidate.refresh_from_db()
    assert candidate.elected
    assert not Seat.objects.filter(member=short).exists()
    election.refresh_from_db()
    assert str(short) in election.results_note


@pytest.mark.slow
def test_s1_s2_a2_seed_demo_obeys_seats_within_membership_and_consultation_first(demo):
    from steering.selectors.governance import membership_latest_end

    assert Seat.objects.exists()
    for seat in Seat.objects.select_related("member"):
        member = seat.member
        if seat.ended_on is not None and seat.ended_on <= seat.starts_on:
            continue  # never held
        assert seat.starts_on >= member.start_date, seat
        assert min(seat.term_end, seat.ended_on or seat.term_end) <= membership_latest_end(member)
    # A2 (issue 21.5) over the same seed: every adopted Participatiewet advice was discussed
    # with the Clients' Council on or before its adoption and its adopting meeting.
    from advices.models import ADOPTED_OR_LATER, Trajectory
    from steering.models import Decision
    from steering.selectors.meetings import local_date

    adopted = Trajectory.objects.filter(law_participation=True, status__in=ADOPTED_OR_LATER)
    assert adopted.exists()
    for trajectory in adopted:
        assert trajectory.clients_council_consulted_on <= trajectory.adopted_on, trajectory
    for decision in Decision.objects.filter(adopted=True, trajectory__law_participation=True):
        consulted = decision.trajectory.clients_council_consulted_on
        assert consulted <= local_date(decision.meeting.starts_at), decision


@pytest.mark.django_db(transaction=True)
def test_s1_seat_and_a_shorter_membership_at_the_same_moment_leave_no_seat_outside():
    """A seat added while another connection shortens the membership under it: the seat's
    trigger waits for the membership row and checks against the shorter term."""
    member = _member_since(datetime.date(2024, 1, 1))  # to 2027, at most 2028
    shortened, inserted = threading.Event(), []

    def shorten():
        try:
            with transaction.atomic():
                _granted_in_the_database(member, 6)  # to 2028-06-30
                shortened.set()
                threading.Event().wait(1.0)  # the seat's insert waits meanwhile
        finally:
            connection.close()

    def add_seat():
        shortened.wait(5)
        try:
            with transaction.atomic():
                # To 2028-08-31: within the possible year, not the granted half year.
                SeatFactory(member=member, starts_on=datetime.date(2027, 9, 1), term_years=1)
            inserted.append(True)
        except IntegrityError:
            inserted.append(False)
        finally:
            connection.close()

    threads = [threading.Thread(target=shorten), threading.Thread(target=add_seat)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert inserted == [False]
    assert not Seat.objects.filter(member=member).exists()


def test_s1_shortening_a_membership_under_a_seat_is_a_message_on_the_term():
    """What a service saving the membership with save_or_refuse shows: no constraint name.

    The term itself is fixed at admission (M7); what can still shorten the membership
    under a seat is granting an extension shorter than the possible year."""
    from members.constraints import save_or_refuse

    member = _member_since(datetime.date(2024, 1, 1))
    SeatFactory(member=member, starts_on=datetime.date(2026, 1, 1), term_years=3)  # to 2028
    member.term_years = 2
    with pytest.raises(ValidationError) as refused:
        save_or_refuse(member, update_fields=["term_years"])
    expected = Member.constraint_messages["m7_term_fixed_at_admission"].message
    assert refused.value.message_dict == {"term_years": [str(expected)]}
    request = term_extension_request(member=member, months=6)
    with pytest.raises(ValidationError) as refused:
        term_extension_decide(request=request, grant=True, by=secretary())
    expected = Member.constraint_messages["s1_membership_covers_its_seats"].message
    assert refused.value.message_dict == {"extension_months": [str(expected)]}
    member.refresh_from_db()
    request.refresh_from_db()
    assert (member.term_years, member.extension_months, request.status) == (4, 0, "pending")


def test_s1_admin_add_seat_past_the_membership_shows_it_on_the_term(secretariat_client):
    election, member = _elected(_member_since(datetime.date(2024, 1, 1)), seats=6)
    response = _admin_add(
        secretariat_client,
        member=member.pk,
        role=SeatRole.MEMBER,
        source=SeatSource.ELECTED,
        election=election.pk,
        starts_on="2026-01-01",
        term_years=4,
    )
    assert response.status_code == 200
    assert "term_years" in response.context["adminform"].form.errors
    assert not Seat.objects.exists()
