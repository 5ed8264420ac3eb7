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

    member = factory.SubFactory(MemberFactory)
    role = SeatRole.MEMBER
    source = SeatSource.ELECTED
    election = factory.SubFactory(ElectionFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(100))
    term_years = 2


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
