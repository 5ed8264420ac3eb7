"""The register of relations and the contact log in a real browser (issue 23): axe-core
finds nothing, and the member's page of contacts does not scroll sideways at 375px."""

import datetime

import pytest

from steering.services.relations import contact_log_record
from tests.browser.login import log_in
from tests.harness import assert_accessible
from tests.members.factories import PASSWORD, MemberFactory, UserFactory
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory
from tests.relations.factories import ContactPersonFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _contacts():
    group = ProjectGroupFactory()
    person = ContactPersonFactory(
        organisation=OrganisationFactory(name="Gemeente Groningen, programma Zorg en welzijn"),
        name="M. de Wit",
        role="beleidsmedewerker Wmo en armoedebeleid in de wijken en dorpen",
    )
    group.policy_officers.add(person)
    entry = contact_log_record(
        data={"date": datetime.date(2026, 3, 1), "subject": "Kennismaking adviesvraag"},
        ours=[MemberFactory()],
        organisations=[person.organisation],
        contact_persons=[person],
        by=None,
    )
    return group, person, entry


def test_a_member_reads_their_groups_contacts_on_a_phone(page):
    group, person, _entry = _contacts()
    member = MemberFactory(email="lid-rel@example.org")
    ParticipationFactory(group=group, member=member)
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, "lid-rel@example.org")
    page.wait_for_url("**/portaal/")
    page.goto("/portaal/contacten/")
    assert person.name in page.locator("#contact-organisations").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)


def test_register_and_log_in_the_admin_as_the_steering_group(page, settings):
    settings.ASDG_ADMIN_REQUIRE_OTP = False
    group, person, entry = _contacts()
    UserFactory(email="sg-rel@example.org", role="Stuurgroep")
    page.goto("/admin/login/")
    page.get_by_label("E-mailadres").fill("sg-rel@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/admin/")
    for url in [
        "/admin/relations/organisation/",
        "/admin/relations/organisation/add/",
        f"/admin/relations/organisation/{person.organisation_id}/change/",
        f"/admin/relations/contactperson/{person.pk}/change/",
        "/admin/steering/contactlogentry/",
        "/admin/steering/contactlogentry/add/",
        f"/admin/steering/contactlogentry/{entry.pk}/change/",
        f"/admin/advices/trajectory/{group.trajectory_id}/change/",
        "/portaal/contacten/",
    ]:
        page.goto(url)
        assert_accessible(page)
