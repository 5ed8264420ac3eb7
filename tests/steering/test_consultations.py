"""S7: the programme manager(s) every 2 months, the alderman twice a year; the gaps."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from steering.models import Consultation
from steering.selectors.meetings import add_months, consultation_gaps
from tests.steering.factories import ConsultationFactory, WatchItemFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 15)
PM, ALDERMAN = Consultation.Kind.PROGRAMME_MANAGER, Consultation.Kind.ALDERMAN


def _held(kind, on):
    return ConsultationFactory(kind=kind, planned_on=on, held_on=on)


def _planned(kind, on):
    return ConsultationFactory(kind=kind, planned_on=on)


def _gap(kind, today=TODAY):
    return next((gap for gap in consultation_gaps(today) if gap.kind == kind), None)


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2026, 11, 30), 2) == datetime.date(2027, 1, 30)


def test_s7_programme_manager_gap_at_exactly_two_months_is_not_flagged():
    _held(PM, datetime.date(2026, 3, 15))  # exactly 2 months before TODAY
    _planned(PM, TODAY)
    _held(ALDERMAN, datetime.date(2026, 1, 10))
    _planned(ALDERMAN, datetime.date(2026, 6, 1))
    assert consultation_gaps(TODAY) == []


def test_s7_programme_manager_gap_one_day_over_two_months_is_flagged():
    _held(PM, datetime.date(2026, 3, 14))
    _planned(PM, TODAY)  # planned today but not held: still more than 2 months since the last
    gap = _gap(PM)
    assert gap is not None and gap.overdue
    assert gap.due_on == datetime.date(2026, 5, 14)
    assert date_format(datetime.date(2026, 3, 14)) in gap.message  # a Dutch date, no rule id
    assert "S7" not in gap.message


def test_s7_alderman_gap_at_six_months_boundary():
    _held(ALDERMAN, datetime.date(2025, 11, 15))
    _planned(ALDERMAN, datetime.date(2026, 5, 15))
    assert _gap(ALDERMAN) is None  # exactly 6 months
    assert _gap(ALDERMAN, today=datetime.date(2026, 5, 16)).overdue  # a day later


def test_s7_a_next_consultation_planned_too_late_is_flagged_before_the_gap():
    _held(PM, datetime.date(2026, 4, 20))
    _planned(PM, datetime.date(2026, 7, 1))  # after 20 June
    gap = _gap(PM)
    assert gap is not None and not gap.overdue
    assert gap.due_on == datetime.date(2026, 6, 20)
    assert gap.next_planned_on == datetime.date(2026, 7, 1)


def test_s7_never_held_is_flagged():
    gap = _gap(ALDERMAN)
    assert gap is not None and gap.overdue and gap.last_held_on is None


def test_s7_gaps_shown_on_the_consultation_admin_list(secretariat_client):
    _held(PM, timezone.localdate() - datetime.timedelta(days=120))
    page = secretariat_client.get(reverse("admin:steering_consultation_changelist"))
    assert page.status_code == 200
    assert 'id="rule-warnings"' in page.content.decode()


def test_a_consultation_cannot_be_held_in_the_future():
    consultation = Consultation(
        kind=PM,
        planned_on=timezone.localdate(),
        held_on=timezone.localdate() + datetime.timedelta(1),
    )
    with pytest.raises(ValidationError) as error:
        consultation.full_clean()
    assert "held_on" in error.value.message_dict


def test_s4_agendas_to_watch_for_the_steering_group(steering_client, member_client):
    item = WatchItemFactory(title="Herijking Wmo-beleid", advice_request_expected=True)
    WatchItemFactory(title="Afgesloten punt", closed=True)
    url = reverse("steering_meeting:watch-list")
    page = steering_client.get(url).content.decode()
    assert item.title in page and "Afgesloten punt" not in page
    assert member_client.get(url).status_code == 403
