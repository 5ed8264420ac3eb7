"""Issue 18.5: bookings, claims, applications and plenary meetings are listed newest first."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from finance.models import BudgetLine, ExpenseClaim
from finance.services import booking_add
from members.models import Application
from tests.finance.factories import ExpenseClaimFactory
from tests.members.factories import ApplicationFactory
from tests.steering.factories import PlenaryMeetingFactory

pytestmark = pytest.mark.django_db


def _listed(client, name):
    response = client.get(reverse(f"admin:{name}_changelist"))
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_bookings_are_listed_newest_first(secretariat_client):
    line = BudgetLine.objects.get(budget_year__year=2021, kind="expenses")
    booked = [
        booking_add(
            line=line, date=datetime.date(2021, month, 1), amount=Decimal("10.00"),
            description=f"Maand {month}", by=None,
        )[0]
        for month in (3, 11, 6)
    ]  # fmt: skip
    assert _listed(secretariat_client, "finance_booking") == [booked[1], booked[2], booked[0]]


def _age(queryset, field, rows):
    """Make each row a day older than the one before it."""
    now = timezone.now()
    for days, row in enumerate(rows):
        queryset.filter(pk=row.pk).update(**{field: now - datetime.timedelta(days=days)})


def test_claims_are_listed_newest_first(secretariat_client):
    claims = [ExpenseClaimFactory() for _ in range(3)]
    _age(ExpenseClaim.objects, "submitted_at", [claims[1], claims[2], claims[0]])
    assert _listed(secretariat_client, "finance_expenseclaim") == [claims[1], claims[2], claims[0]]


def test_applications_are_listed_newest_first(secretariat_client):
    applications = [ApplicationFactory() for _ in range(3)]
    _age(Application.objects, "submitted_at", [applications[2], applications[0], applications[1]])
    listed = _listed(secretariat_client, "members_application")
    assert listed == [applications[2], applications[0], applications[1]]


def test_plenary_meetings_are_listed_newest_first(secretariat_client):
    now = timezone.now()
    meetings = [
        PlenaryMeetingFactory(starts_at=now + datetime.timedelta(days=days))
        for days in (-60, 30, -10)
    ]
    listed = _listed(secretariat_client, "steering_plenarymeeting")
    assert listed == [meetings[1], meetings[2], meetings[0]]
