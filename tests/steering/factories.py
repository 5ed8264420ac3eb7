"""Factories of the steering app: seats, elections, plenary meetings.

They create rows directly (no services), for tests that need a state to start from;
tests of a rule go through the services.
"""

import datetime

import factory
from django.utils import timezone

from steering.models import (
    Consultation,
    Election,
    PlenaryMeeting,
    Seat,
    SeatRole,
    SeatSource,
    SubjectProposal,
    TrainingActivity,
)
from tests.members.factories import MemberFactory, secretary


class ElectionFactory(factory.django.DjangoModelFactory):
    """An election whose voting period is open now."""

    class Meta:
        model = Election

    title = factory.Sequence(lambda n: f"Verkiezing stuurgroep {n}")
    seats = 2
    term_years = 3
    seats_start_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(30))
    nomination_opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(20))
    nomination_closes_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(10))
    voting_opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(1))
    voting_closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(6))
    opened_by = factory.LazyFunction(secretary)


class SeatFactory(factory.django.DjangoModelFactory):
    """An elected seat held today."""

    class Meta:
        model = Seat

    # S1: the member's membership covers the seat (from its start, 4 years and more).
    member = factory.SubFactory(
        MemberFactory,
        start_date=factory.LazyAttribute(
            lambda member: min(
                member.factory_parent.starts_on, timezone.localdate().replace(month=1, day=1)
            )
        ),
    )
    role = SeatRole.MEMBER
    source = SeatSource.ELECTED
    # A counted election (results in): it promises no more seats (free_seats_on).
    election = factory.SubFactory(ElectionFactory, results_at=factory.LazyFunction(timezone.now))
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(100))
    term_years = 2


def election_in_nomination(**kwargs) -> Election:
    """An election whose nomination period is open now."""
    now = timezone.now()
    return ElectionFactory(
        nomination_opens_at=now - datetime.timedelta(2),
        nomination_closes_at=now + datetime.timedelta(5),
        voting_opens_at=now + datetime.timedelta(6),
        voting_closes_at=now + datetime.timedelta(13),
        seats_start_on=timezone.localdate() + datetime.timedelta(30),
        **kwargs,
    )


def election_voting_closed(**kwargs) -> Election:
    """An election whose voting closed an hour ago, not counted yet."""
    now = timezone.now()
    return ElectionFactory(
        nomination_opens_at=now - datetime.timedelta(30),
        nomination_closes_at=now - datetime.timedelta(20),
        voting_opens_at=now - datetime.timedelta(10),
        voting_closes_at=now - datetime.timedelta(hours=1),
        seats_start_on=timezone.localdate() + datetime.timedelta(30),
        **kwargs,
    )


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "steering.Candidate"

    election = factory.SubFactory(ElectionFactory)
    member = factory.SubFactory(MemberFactory)
    statement = "Ik wil de verbinding tussen de leden versterken."


class PlenaryMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlenaryMeeting

    title = factory.Sequence(lambda n: f"Brede bijeenkomst {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    location = "Stadhuis, Grote Markt 1, Groningen"


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    kind = Consultation.Kind.PROGRAMME_MANAGER
    planned_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(20))


class SubjectProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubjectProposal

    proposer = factory.SubFactory(MemberFactory)
    title = factory.Sequence(lambda n: f"Toegankelijkheid van wijkcentra {n}")
    description = "Veel wijkcentra zijn slecht bereikbaar voor mensen met een rolstoel."
    purpose = SubjectProposal.Purpose.PLENARY


class TrainingActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingActivity

    kind = TrainingActivity.Kind.TRAINING
    title = factory.Sequence(lambda n: f"Training Wmo-wetgeving {n}")
    date = factory.LazyFunction(timezone.localdate)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "steering.Invitation"

    meeting = factory.SubFactory(PlenaryMeetingFactory)
    member = factory.SubFactory(MemberFactory)


class WatchItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "steering.WatchItem"

    source = "lta"
    title = factory.Sequence(lambda n: f"Beleidsplan sociaal domein {n}")
    policy_officer = "M. de Wit"


def invite(meeting):
    """The invitation of a planned meeting (issue 17.2: planning sends nothing).

    A coming meeting is sent through meeting_invitation_send; a past one (tests that start
    from a held meeting) gets the invitations it would have had, written directly.
    """
    from steering.models import Invitation
    from steering.selectors.meetings import local_date, sitting_members_on
    from steering.services.invitations import meeting_invitation_send

    if meeting.starts_at > timezone.now():
        meeting_invitation_send(meeting=meeting, by=None)
    else:
        members = sitting_members_on(local_date(meeting.starts_at)).order_by("pk")
        Invitation.objects.bulk_create(
            Invitation(meeting=meeting, member=member) for member in members
        )
        PlenaryMeeting.objects.filter(pk=meeting.pk).update(invitations_sent_at=timezone.now())
    meeting.refresh_from_db()
    return meeting


def draft_item(meeting, trajectory, *, ready=True):
    """An agenda item of `meeting` that carries `trajectory`'s draft (S5: a decision on an
    advice is taken on it), the draft marked ready by its project group unless `ready`."""
    from advices.models import Advice
    from steering.models import AgendaItem

    if ready:
        Advice.objects.filter(trajectory=trajectory).update(ready_for_plenary=True)
    return AgendaItem.objects.create(
        meeting=meeting,
        position=meeting.agenda.count() + 1,
        kind=AgendaItem.Kind.DECISION,
        title=f"Vaststellen advies: {trajectory.subject}"[:200],
        trajectory=trajectory,
    )


def meeting_in_session(*, present=(), title="Brede bijeenkomst"):
    """A plenary meeting taking place today (issue 17.5: votes in the room), every sitting
    member invited (create the members first), `present` marked present, the others
    absent."""
    from steering.services.meetings import attendance_record, meeting_plan

    starts = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
    meeting = meeting_plan(
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=23, minutes=59),
        location="Stadhuis",
        by=secretary(),
    )
    invite(meeting)
    if present:
        meeting = attendance_record(
            meeting=meeting, attended_member_ids=[m.pk for m in present], by=None
        )
    return meeting


def item_of(meeting, title="Voorstel jaarplan"):
    from steering.models import AgendaItem

    return AgendaItem.objects.create(
        meeting=meeting, position=meeting.agenda.count() + 1, kind="decision", title=title
    )
