"""Issue 21: seed_demo obeys every rule. The demo is seeded once for the module; each test
runs one rule's check over the seeded data, for the whole period the demo covers."""

import datetime
from collections import Counter

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, Sum

from advices.models import ADOPTED_OR_LATER, ORDER, Status, Trajectory
from finance.models import ExpenseClaim
from members.models import Application, Member
from members.selectors import add_months
from projectgroups.models import MAXIMUM_SIZE, MINIMUM_SIZE, Participation, ProjectGroup
from steering.models import Candidate, Seat, SeatSource
from steering.models.seats import (
    FIRST_STEERING_GROUP_LATEST_START,
    MAX_SEATS,
    MAX_SEATS_ENDING_PER_YEAR,
)
from steering.selectors.governance import most_seats_held, seats_ending_per_year
from tests.asdg.test_constraints import OUR_APPS
from tests.fuzz.conftest import demo_media, demo_world  # noqa: F401 (the seeded demo)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_world")]


def test_every_demo_row_passes_its_fields_clean_and_constraints():
    """M2, M3, M5, M6, M7, S2, S3, A2, A4, F2, M9 as far as one row holds them."""
    refused = []
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            for obj in model._default_manager.all():
                try:
                    obj.full_clean()  # fields, clean(), unique and Meta.constraints
                except ValidationError as error:
                    refused.append((model._meta.label, obj.pk, error.messages))
    assert not refused, refused[:20]


def test_m2_one_recruitment_round_per_year():
    from members.models import RecruitmentRound

    years = list(RecruitmentRound.objects.values_list("year", flat=True))
    assert len(years) == len(set(years))


def test_m5_no_incompatible_applicant_admitted_and_no_member_sits_incompatible():
    admitted = Application.objects.filter(decision=Application.Decision.ADMITTED)
    assert all(application.is_compatible for application in admitted)
    for member in Member.objects.filter(ended_on__isnull=True):
        latest = member.declarations.order_by("-year").first()
        assert latest is None or latest.is_compatible, member


def test_m7_every_extension_is_a_granted_request():
    granted = Sum("extension_requests__months", filter=Q(extension_requests__status="granted"))
    for member in Member.objects.annotate(granted=granted):
        assert 1 <= member.term_years <= 4 and member.extension_months <= 12
        assert member.extension_months == (member.granted or 0), member


def test_m9_approved_claims_are_booked_at_their_amount():
    for claim in ExpenseClaim.objects.filter(status="approved").select_related("booking"):
        assert claim.booking.amount == claim.amount, claim


def test_s1_at_most_six_seats_on_any_day():
    seats = Seat.objects.order_by("starts_on")
    first, last = seats.first().starts_on, max(seat.term_end for seat in seats)
    assert most_seats_held(first, last) <= MAX_SEATS


def _membership_last_day(member: Member) -> datetime.date:
    """The last day the member can sit: the term, with its possible one-year extension."""
    if member.ended_on is not None:
        return member.ended_on
    if member.extension_months:
        return member.term_end
    return add_months(member.term_end + datetime.timedelta(days=1), 12) - datetime.timedelta(1)


def test_s1_every_seat_lies_within_its_holders_membership():
    outside = [
        (str(seat.member), seat.starts_on, seat.ended_on or seat.term_end)
        for seat in Seat.objects.select_related("member")
        if seat.starts_on < seat.member.start_date
        or (seat.ended_on or seat.term_end) > _membership_last_day(seat.member)
    ]
    assert not outside, outside


def test_s2_first_group_appointed_later_seats_elected_in_a_counted_election():
    for seat in Seat.objects.select_related("election"):
        if seat.source == SeatSource.APPOINTED:
            assert seat.starts_on <= FIRST_STEERING_GROUP_LATEST_START, seat
        else:
            assert seat.election.results_at is not None, seat
            assert Candidate.objects.filter(
                election=seat.election, member=seat.member, elected=True
            ).exists(), seat
    per_election = Counter(Seat.objects.exclude(election=None).values_list("election", flat=True))
    for seat in Seat.objects.exclude(election=None).select_related("election"):
        assert per_election[seat.election_id] <= seat.election.seats


def test_s3_terms_of_one_to_four_years():
    assert not Seat.objects.exclude(term_years__range=(1, 4)).exists()


def test_s4_at_most_half_of_the_seats_end_in_one_year():
    assert max(seats_ending_per_year().values()) <= MAX_SEATS_ENDING_PER_YEAR


def test_p2_advising_groups_have_5_to_10_members_and_none_more():
    groups = ProjectGroup.objects.annotate(
        size=Count(
            "participations", filter=Q(participations__status=Participation.Status.CONFIRMED)
        )
    )
    for group in groups:
        if group.phase == ProjectGroup.Phase.ADVISING:
            assert MINIMUM_SIZE <= group.size <= MAXIMUM_SIZE, group
        if group.phase == ProjectGroup.Phase.THINKING_ALONG:
            assert group.size <= MAXIMUM_SIZE, group


def test_p3_groups_live_as_long_as_their_trajectory():
    for group in ProjectGroup.objects.select_related("trajectory"):
        status = group.trajectory.status
        if group.phase == ProjectGroup.Phase.MONITORING:
            assert status in (Status.RESPONDED, Status.MONITORING), group
        if status in (Status.RECEIVED, Status.GROUP_FORMED, Status.DRAFTING):
            assert group.phase != ProjectGroup.Phase.DISSOLVED, group


def test_a2_participation_act_advices_consulted_before_adoption():
    adopted = Trajectory.objects.filter(law_participation=True, status__in=ADOPTED_OR_LATER)
    for trajectory in adopted:
        assert trajectory.clients_council_consulted_on <= trajectory.adopted_on, trajectory


def test_a3_every_response_answers_each_recommendation():
    responded = ORDER[ORDER.index(Status.RESPONDED) :]
    for trajectory in Trajectory.objects.filter(status__in=responded):
        assert trajectory.college_response
        assert all(r.response for r in trajectory.advice.recommendations.all()), trajectory


def test_a4_only_adopted_advices_are_published():
    published = Trajectory.objects.filter(published_at__isnull=False)
    assert not published.exclude(status__in=ADOPTED_OR_LATER).exists()


def test_s5_adopted_advices_were_ready_and_decided_on_the_item_carrying_their_draft():
    from advices.models import Advice
    from steering.models import Decision, MeetingPaper

    assert not Advice.objects.filter(frozen=True, ready_for_plenary=False).exists()
    adopting = Decision.objects.filter(trajectory__isnull=False, agenda_item__isnull=False)
    assert adopting.exists()
    assert not adopting.exclude(agenda_item__trajectory=F("trajectory")).exists()
    assert MeetingPaper.objects.filter(audience=MeetingPaper.Audience.PUBLIC).exists()


def test_s5_a_drafting_advice_waits_for_the_decision_that_adopts_it():
    """Issue 18.1: the secretariat's week takes a drafting trajectory to the website; the
    demo holds one whose draft its group can mark ready, and the latest held meeting's
    decision on the item that carried it, which does not name the advice yet."""
    from steering.selectors.adoptions import decisions_to_adopt

    waiting = [
        trajectory
        for trajectory in Trajectory.objects.filter(status=Status.DRAFTING, law_participation=False)
        if trajectory.advice.recommendations.exists() and decisions_to_adopt(trajectory).exists()
    ]
    assert len(waiting) == 1
    [decision] = decisions_to_adopt(waiting[0])
    assert decision.meeting.status == "held" and decision.number >= 1
