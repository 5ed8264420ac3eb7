"""Project groups in a real browser: a member signs up, the steering group confirms (P1, P2, P4)."""

import pytest
from playwright.sync_api import expect

from advices.models import Status
from projectgroups.models import Participation
from tests.advices.factories import TrajectoryFactory
from tests.browser.login import log_in
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory, UserFactory
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def group():
    group = ProjectGroupFactory(
        trajectory=TrajectoryFactory(subject="Armoede en schulden", status=Status.GROUP_FORMED),
        workload="2 uur per week",
        meeting_rhythm="Eens per drie weken",
    )
    ParticipationFactory.create_batch(4, group=group)
    return group


def log_in_as(page, email):
    log_in(page, email)
    page.wait_for_url("**/portaal/")


def test_p2_member_signs_up_and_the_steering_group_confirms(page, group):
    member = MemberFactory(email="lid@example.org", first_name="Fatima", last_name="Yilmaz")
    log_in_as(page, "lid@example.org")
    page.goto("/portaal/projectgroepen/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert_accessible(page)
    page.get_by_role("button", name="Aanmelden Armoede en schulden").click()
    page.wait_for_url("**/portaal/projectgroepen/")
    assert page.get_by_role("status").get_by_text("U hebt zich aangemeld").is_visible()
    assert "Aangemeld, wacht op bevestiging" in page.locator("#my-groups").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Armoede en schulden").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()

    UserFactory(email="stuur@example.org", role="Stuurgroep")
    log_in_as(page, "stuur@example.org")
    page.goto(f"/portaal/projectgroepen/{group.pk}/")
    assert "Fatima Yilmaz" in page.locator("#pending-signups").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Bevestigen Fatima Yilmaz").click()
    assert (
        page.get_by_role("status").get_by_text("Fatima Yilmaz is nu lid van de groep.").is_visible()
    )
    assert "Fatima Yilmaz" in page.locator("#group-members").inner_text()
    assert Participation.objects.get(member=member).status == Participation.Status.CONFIRMED

    page.get_by_role("button", name="Naar de volgende fase: Adviseren").click()
    assert page.locator("#group-phase").inner_text().startswith("Adviseren")
    assert_accessible(page)


def test_p4_member_records_the_way_of_working(page, group):
    member = MemberFactory(email="lid@example.org")
    ParticipationFactory(group=group, member=member)
    log_in_as(page, "lid@example.org")
    page.goto(f"/portaal/projectgroepen/{group.pk}/")
    page.get_by_role("link", name="Werkwijze bewerken").click()
    assert_accessible(page)
    page.get_by_label("Externe ondersteuning (uren)").fill("-1")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".invalid-feedback, .errorlist").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Werkwijze").fill("We houden spreekuren in de wijk.")
    page.get_by_label("Externe ondersteuning (uren)").fill("4")
    # The policy officers come from the register, chosen by the steering group (23.3).
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De werkwijze is opgeslagen.")).to_be_visible()
    assert "We houden spreekuren in de wijk." in page.locator("#way-of-working").inner_text()


def test_trajectories_overview_is_accessible(page, group):
    TrajectoryFactory(subject="Beschermd wonen")
    UserFactory(email="sec@example.org", role="Secretariaat")
    log_in_as(page, "sec@example.org")
    page.goto("/portaal/projectgroepen/trajecten/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert_accessible(page)
    page.get_by_label("Status", exact=True).select_option(Status.GROUP_FORMED.value)
    page.get_by_role("button", name="Filteren").click()
    table = page.locator("#trajectories").inner_text()
    assert "Armoede en schulden" in table and "Beschermd wonen" not in table
    assert_accessible(page)
