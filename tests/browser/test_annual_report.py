"""The annual report in a real browser (axe-core): the public page, the index, the
steering group's concept, and the admin page where the foreword is written."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from steering.models import AnnualReport, Decision
from tests.browser.login import log_in, log_in_to_admin
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory, UserFactory, secretary
from tests.steering.factories import (
    InvitationFactory,
    PlenaryMeetingFactory,
    SeatFactory,
    TrainingActivityFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def year_with_data():
    """Last year: a held meeting with a decision and attendance, a seat, a training."""
    year = timezone.localdate().year - 1
    starts = timezone.make_aware(datetime.datetime(year, 3, 8, 19, 30))
    meeting = PlenaryMeetingFactory(
        title="Brede bijeenkomst maart", starts_at=starts, status="held"
    )
    Decision.objects.create(
        meeting=meeting, proposal="De adviesgroep stelt het advies armoede vast.",
        votes_for=12, votes_against=2, abstentions=1, recorded_by=secretary(),
    )  # fmt: skip
    InvitationFactory(meeting=meeting, attended=True)
    MemberFactory.create_batch(6, start_date=datetime.date(year, 1, 1))
    SeatFactory(starts_on=datetime.date(year, 1, 1))
    TrainingActivityFactory(date=datetime.date(year, 5, 1), cost=Decimal("250.00"))
    return year


def test_published_report_page_and_index_are_accessible(page, year_with_data):
    AnnualReport.objects.create(
        year=year_with_data, foreword="Wij kijken terug op een goed jaar.",
        published_at=timezone.now(),
    )  # fmt: skip
    page.goto("/jaarverslag/")
    assert_accessible(page)
    page.get_by_role("link", name=str(year_with_data)).first.click()
    page.wait_for_url(f"**/jaarverslag/{year_with_data}/")
    assert "Wij kijken terug op een goed jaar." in page.locator("#foreword").inner_text()
    assert page.locator("#concept-banner").count() == 0
    assert page.locator("#decisions-table").get_by_text("armoede").count() == 1
    assert_accessible(page)


def test_concept_for_the_steering_group_is_accessible(page, year_with_data):
    UserFactory(email="stuur@example.org", role="Stuurgroep")
    log_in(page, "stuur@example.org")
    page.wait_for_url("**/portaal/")
    page.goto(f"/jaarverslag/{year_with_data}/")
    assert page.locator("#concept-banner").is_visible()
    assert page.locator("#archive-link").count() == 1
    assert_accessible(page)
    page.goto("/jaarverslag/")
    assert_accessible(page)


def test_admin_foreword_as_the_steering_group(page, settings, year_with_data):
    UserFactory(email="stuur@example.org", role="Stuurgroep")
    log_in_to_admin(page, "stuur@example.org")
    page.goto("/admin/steering/annualreport/add/")
    assert_accessible(page)
    page.locator("#id_year").fill(str(year_with_data))
    page.locator("#id_foreword").fill("Een voorwoord van de stuurgroep.")
    page.locator("input[name=_save]").click()
    page.wait_for_url("**/admin/steering/annualreport/")
    assert_accessible(page)
    report = AnnualReport.objects.get(year=year_with_data)
    assert report.written_by.email == "stuur@example.org"
    assert report.published_at is None
