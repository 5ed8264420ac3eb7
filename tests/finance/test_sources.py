"""The automatic sources of bookings: each books once, however often it runs (F2)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from advices.models import Status
from finance.models import Booking, BudgetYear
from finance.services import book_sources
from steering.models import Invitation, PlenaryMeeting
from tests.advices.factories import TrajectoryFactory
from tests.members.factories import MemberFactory
from tests.steering.factories import PlenaryMeetingFactory, TrainingActivityFactory

pytestmark = pytest.mark.django_db


def _meeting(day, *, attending, absent=0, status=PlenaryMeeting.Status.HELD):
    starts = timezone.make_aware(datetime.datetime(2021, *day, 19, 30))
    meeting = PlenaryMeetingFactory(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), status=status
    )
    for _ in range(attending):
        Invitation.objects.create(meeting=meeting, member=MemberFactory(), attended=True)
    for _ in range(absent):
        Invitation.objects.create(meeting=meeting, member=MemberFactory(), attended=False)
    return meeting


def _bookings(kind):
    return Booking.objects.filter(line__kind=kind, line__budget_year__year=2021)


def test_f2_plenary_attendance_books_the_unit_per_attending_member_once():
    held = _meeting((3, 10), attending=12, absent=3)
    _meeting((5, 12), attending=5, status=PlenaryMeeting.Status.PLANNED)
    _meeting((6, 9), attending=4, status=PlenaryMeeting.Status.CANCELLED)
    _meeting((9, 1), attending=0, absent=2)  # held, attendance not recorded yet
    result = book_sources(year=2021)
    booking = _bookings("plenary").get()
    assert result.booked["plenary"] == 1
    assert booking.amount == Decimal("240.00")  # 12 × € 20
    assert booking.source_key == f"plenary:{held.pk}" and booking.source == "attendance"
    assert booking.date == datetime.date(2021, 3, 10)
    again = book_sources(year=2021)
    assert again.total == 0 and _bookings("plenary").count() == 1


def test_f2_trajectories_book_the_unit_per_trajectory_received_once():
    started = [TrajectoryFactory(received_on=datetime.date(2021, m, 2)) for m in (2, 6)]
    TrajectoryFactory(received_on=datetime.date(2022, 1, 5))  # another year
    withdrawn = TrajectoryFactory(received_on=datetime.date(2021, 4, 1))
    type(withdrawn).objects.filter(pk=withdrawn.pk).update(
        status=Status.WITHDRAWN, withdrawn_reason="Ingetrokken door de gemeente"
    )
    book_sources(year=2021)
    bookings = _bookings("trajectories")
    assert sorted(b.source_key for b in bookings) == sorted(f"trajectory:{t.pk}" for t in started)
    assert {b.amount for b in bookings} == {Decimal("300.00")}
    assert book_sources(year=2021).total == 0 and bookings.count() == 2


def test_f2_training_books_its_cost_once():
    training = TrainingActivityFactory(
        date=datetime.date(2021, 10, 4), cost=Decimal("750.00"), provider="Movisie"
    )
    TrainingActivityFactory(date=datetime.date(2021, 11, 1), cost=Decimal("0.00"))
    book_sources(year=2021)
    booking = _bookings("training").get()
    assert (booking.amount, booking.counterparty) == (Decimal("750.00"), "Movisie")
    assert booking.source_key == f"training:{training.pk}"
    assert book_sources(year=2021).total == 0


def test_the_command_run_twice_books_nothing_twice(capsys):
    _meeting((3, 10), attending=3)
    TrajectoryFactory(received_on=datetime.date(2021, 2, 2))
    TrainingActivityFactory(date=datetime.date(2021, 10, 4), cost=Decimal("99.99"))
    call_command("finance_book_sources", "--year", "2021")
    assert "3 bookings added" in capsys.readouterr().out
    call_command("finance_book_sources", "--year", "2021")
    assert "0 bookings added" in capsys.readouterr().out
    assert Booking.objects.count() == 3


def test_a_closed_year_books_no_sources():
    _meeting((3, 10), attending=3)
    BudgetYear.objects.filter(year=2021).update(closed=True)
    result = book_sources(year=2021)
    assert result.total == 0 and result.skipped and not Booking.objects.exists()


def test_a_year_without_budget_or_line_is_skipped_with_a_reason():
    assert book_sources(year=1999).skipped
    BudgetYear.objects.create(year=2022)
    result = book_sources(year=2022)
    assert len(result.skipped) == 3 and result.total == 0


def test_admin_action_books_the_sources_of_the_year(secretariat_client):
    _meeting((3, 10), attending=2)
    year = BudgetYear.objects.get(year=2021)
    chosen = {"action": "book_automatic_sources", ACTION_CHECKBOX_NAME: [year.pk]}
    url = reverse("admin:finance_budgetyear_changelist")
    assert secretariat_client.post(url, chosen).status_code == 302
    assert secretariat_client.post(url, chosen).status_code == 302
    assert _bookings("plenary").get().amount == Decimal("40.00")
    assert _bookings("plenary").get().created_by == secretariat_client.user
