"""The steering group in a real browser: page, schedule, regulation and the admin."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steering.models import Seat, SeatRole, Task
from tests.browser.login import log_in, log_in_to_admin
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory, UserFactory
from tests.steering.factories import CandidateFactory, ElectionFactory, SeatFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _group():
    today = timezone.localdate()
    SeatFactory(role=SeatRole.CHAIR, tasks=[Task.CHAIRING, Task.CONTACT], term_years=3)
    SeatFactory(
        role=SeatRole.SECRETARY,
        tasks=[Task.SECRETARIAT],
        starts_on=today - datetime.timedelta(365 - 30),
        term_years=1,
    )


def test_steering_page_and_regulation_as_a_member(page):
    _group()
    member = MemberFactory(email="lid-sg@example.org")
    SeatFactory(member=member, role=SeatRole.TREASURER, tasks=[Task.RELATIONS], term_years=4)
    log_in(page, "lid-sg@example.org")
    page.wait_for_url("**/portaal/")
    assert page.locator("#my-seat").is_visible()
    page.goto("/portaal/stuurgroep/")
    assert page.locator("#steering-members tbody tr").count() == 3
    assert page.locator("#ending-soon").is_visible()
    assert page.locator("svg.schedule-timeline rect.bar").count() == 3
    assert_accessible(page)
    page.goto("/portaal/stuurgroep/reglement/")
    assert str(member) in page.locator("#roles").inner_text()
    assert_accessible(page)


def test_admin_seats_and_elections_as_the_secretariat(page, settings):
    _group()
    election = ElectionFactory()
    CandidateFactory(election=election)
    UserFactory(email="sec@example.org", role="Secretariaat")
    log_in_to_admin(page, "sec@example.org")
    seat = Seat.objects.first()
    for url in [
        "/admin/steering/seat/",
        "/admin/steering/seat/add/",
        f"/admin/steering/seat/{seat.pk}/change/",
        "/admin/steering/election/",
        "/admin/steering/election/add/",
        f"/admin/steering/election/{election.pk}/change/",
        "/portaal/stuurgroep/",
    ]:
        page.goto(url)
        assert_accessible(page)
    page.goto("/admin/steering/seat/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("end_seats")
    page.locator("button[name=index]").click()
    expect(page.locator("#seats-to-end")).to_be_visible()
    assert_accessible(page)
