"""A project-group member drafts the advice in a real browser: comments, edits, versions."""

import pytest

from advices.models import AdviceVersion, Comment, Status
from advices.services import advice_save_draft
from tests.advices.factories import advance_to
from tests.browser.login import log_in
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory
from tests.projectgroups.factories import ParticipationFactory, ProjectGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def group():
    group = ProjectGroupFactory(trajectory__subject="Beleidsplan armoede en schulden")
    advance_to(group.trajectory, Status.GROUP_FORMED)
    member = MemberFactory(email="lid@example.org")
    member.user.first_name, member.user.last_name = "Fatima", "Yilmaz"
    member.user.save()
    ParticipationFactory(group=group, member=member)
    advice_save_draft(
        advice=group.trajectory.advice,
        by=member.user,
        data={"introduction": "Het college vraagt advies over armoede."},
        recommendations=["Maak de regeling eenvoudiger.", "Verlaag de eigen bijdrage."],
    )
    return group


def test_member_comments_on_a_recommendation_and_edits_the_introduction(page, group):
    log_in(page, "lid@example.org")
    page.wait_for_url("**/portaal/")
    page.goto(f"/portaal/projectgroepen/{group.pk}/advies/")
    assert page.get_by_role("heading", level=1).count() == 1
    assert_accessible(page)

    recommendation = page.locator("#recommendation-2")
    recommendation.get_by_label("Uw opmerking bij aanbeveling 2").fill("Noem een bedrag.")
    recommendation.get_by_role("button", name="Opmerking toevoegen").click()
    page.wait_for_url("**/advies/#recommendation-2")
    assert page.get_by_role("status").get_by_text("Uw opmerking is toegevoegd.").is_visible()
    assert "Noem een bedrag." in page.locator("#recommendation-2").inner_text()
    assert "Fatima Yilmaz" in page.locator("#recommendation-2").inner_text()
    assert Comment.objects.get().recommendation.number == 2
    assert_accessible(page)

    page.get_by_role("link", name="Concept bewerken").click()
    assert_accessible(page)
    page.get_by_label("Inleiding").fill("Het college vraagt advies over armoede en schulden.")
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    page.wait_for_url(f"**/portaal/projectgroepen/{group.pk}/advies/")
    assert page.get_by_text("opgeslagen als versie 3").is_visible()
    assert "armoede en schulden" in page.locator("#introduction").inner_text()
    assert AdviceVersion.objects.latest("number").by.email == "lid@example.org"

    page.get_by_role("link", name="versiegeschiedenis").click()
    assert page.get_by_role("row").filter(has_text="Fatima Yilmaz").count() == 2
    assert_accessible(page)

    page.get_by_role("link", name="Wat er veranderde in versie 3").click()
    added = page.locator("ins").first
    assert "en schulden" in added.inner_text()
    assert_accessible(page)
