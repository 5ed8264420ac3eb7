"""The steering app's constraints, each violated once (tests/asdg/test_constraints.py)."""

import datetime
import uuid

from steering.models import (
    AgendaItem,
    Ballot,
    BallotMark,
    CalendarFeed,
    Candidate,
    Invitation,
    SeatSource,
    SubjectProposal,
    SubjectSupport,
    VoterRoll,
    WatchItem,
)
from tests.members.factories import MemberFactory
from tests.steering.factories import (
    ElectionFactory,
    PlenaryMeetingFactory,
    SeatFactory,
    SubjectProposalFactory,
    TrainingActivityFactory,
)


def _update(instance, **fields):
    type(instance).objects.filter(pk=instance.pk).update(**fields)


def _twice(make):
    return [make() for _ in "12"]


VIOLATIONS = {
    "s3_term_one_to_four_years": lambda: SeatFactory(term_years=5),
    "s2_appointed_first_then_elected": lambda: SeatFactory(
        source=SeatSource.APPOINTED, election=None, starts_on=datetime.date(2023, 1, 1)
    ),
    "seat_end_has_date_and_reason": lambda: _update(SeatFactory(), ended_on="2026-01-01"),
    "seat_ends_after_start": lambda: _update(
        SeatFactory(starts_on=datetime.date(2026, 1, 1)),
        ended_on="2025-01-01",
        end_reason="resigned",
    ),
    "election_one_to_six_seats": lambda: ElectionFactory(seats=7),
    "s3_election_term_one_to_four_years": lambda: ElectionFactory(term_years=0),
    "election_periods_in_order": lambda: (
        lambda e: _update(e, voting_opens_at=e.nomination_opens_at)
    )(ElectionFactory()),
    "candidate_once_per_election": lambda: (
        lambda e, m: _twice(lambda: Candidate.objects.create(election=e, member=m))
    )(ElectionFactory(), MemberFactory()),
    "vote_once_per_election": lambda: (
        lambda e, m: _twice(lambda: VoterRoll.objects.create(election=e, member=m))
    )(ElectionFactory(), MemberFactory()),
    "ballot_marks_once": lambda: (
        lambda e: (lambda b, c: _twice(lambda: BallotMark.objects.create(ballot=b, candidate=c)))(
            Ballot.objects.create(election=e),
            Candidate.objects.create(election=e, member=MemberFactory()),
        )
    )(ElectionFactory()),
    "plenary_ends_after_start": lambda: (
        lambda m: _update(m, ends_at=m.starts_at - datetime.timedelta(hours=1))
    )(PlenaryMeetingFactory()),
    "plenary_minutes_approved_later": lambda: (lambda m: _update(m, minutes_approved_at=m))(
        PlenaryMeetingFactory()
    ),
    "s6_one_steering_report_per_meeting": lambda: (
        lambda m: _twice(
            lambda: AgendaItem.objects.create(meeting=m, kind="steering_report", title="Verslag")
        )
    )(PlenaryMeetingFactory()),
    "invited_once_per_meeting": lambda: (
        lambda m, member: _twice(lambda: Invitation.objects.create(meeting=m, member=member))
    )(PlenaryMeetingFactory(), MemberFactory()),
    "watch_item_has_title": lambda: WatchItem.objects.create(source="lta", title=""),
    "subject_declined_with_reason": lambda: SubjectProposalFactory(
        status=SubjectProposal.Status.DECLINED, answer=""
    ),
    "support_once_per_member": lambda: (
        lambda p, m: _twice(lambda: SubjectSupport.objects.create(proposal=p, member=m))
    )(SubjectProposalFactory(), MemberFactory()),
    "training_cost_not_negative": lambda: TrainingActivityFactory(cost=-1),
}

UNIQUE_FIELDS = {
    "steering.CalendarFeed.member": lambda: (
        lambda m: _twice(lambda: CalendarFeed.objects.create(member=m, token=uuid.uuid4().hex))
    )(MemberFactory()),
    "steering.CalendarFeed.token": lambda: _twice(
        lambda: CalendarFeed.objects.create(member=MemberFactory(), token="dubbel")
    ),
}
