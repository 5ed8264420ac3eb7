"""S8: a training budget for trainings, workshops and visits; finance books the cost."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse

from steering.selectors.meetings import training_activities_in_year
from tests.harness import login_verified
from tests.members.factories import MemberFactory
from tests.steering.factories import TrainingActivityFactory

pytestmark = pytest.mark.django_db


def test_s8_training_activities_of_a_year_with_cost_and_participants():
    members = MemberFactory.create_batch(3)
    workshop = TrainingActivityFactory(
        kind="workshop", date=datetime.date(2025, 3, 4), cost=Decimal("450.00")
    )
    workshop.participants.set(members)
    TrainingActivityFactory(kind="visit", date=datetime.date(2025, 10, 1), cost=Decimal("0.00"))
    TrainingActivityFactory(date=datetime.date(2024, 12, 31), cost=Decimal("99.00"))
    activities = list(training_activities_in_year(2025))
    assert [a.kind for a in activities] == ["workshop", "visit"]
    assert activities[0].participant_count == 3
    assert sum(a.cost for a in activities) == Decimal("450.00")


def test_s8_a_cost_is_never_negative():
    with pytest.raises(IntegrityError, match="training_cost_not_negative"):
        TrainingActivityFactory(cost=Decimal("-1.00"))


def test_s8_members_see_their_own_trainings_in_the_portal(client):
    member, other = MemberFactory(), MemberFactory()
    mine = TrainingActivityFactory(title="Training cliëntondersteuning")
    mine.participants.add(member)
    TrainingActivityFactory(title="Werkbezoek WIJ-team").participants.add(other)
    login_verified(client, member.user)
    page = client.get(reverse("steering_meeting:training")).content.decode()
    assert "Training cliëntondersteuning" in page
    assert "Werkbezoek WIJ-team" not in page


def test_s8_training_admin_lists_cost(secretariat_client):
    TrainingActivityFactory(cost=Decimal("1250.50"))
    page = secretariat_client.get(reverse("admin:steering_trainingactivity_changelist"))
    assert page.status_code == 200
    assert "1.250,50" in page.content.decode()
