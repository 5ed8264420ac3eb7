"""The member's own pages in a real Chromium: axe-core on each, the declaration by keyboard."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.models import IncompatibilityDeclaration
from tests.browser.login import log_in
from tests.harness import assert_accessible
from tests.members.factories import MemberFactory, UserFactory, theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/portaal/lidmaatschap/",
    "/portaal/lidmaatschap/profiel/",
    "/portaal/lidmaatschap/verlenging/",
    "/portaal/lidmaatschap/verklaring/",
    "/portaal/lidmaatschap/mijn-gegevens/",
    "/portaal/lidmaatschap/toestemming/",
]


@pytest.fixture
def member_logged_in(page):
    member = MemberFactory(
        email="lid@example.org",
        cultural_background="europe",
        special_consent_at=timezone.now(),
        special_consent_version="2026-1",
    )
    member.experience_themes.add(theme())
    log_in(page, "lid@example.org")
    page.wait_for_url("**/portaal/")
    return member


@pytest.mark.parametrize("url", PAGES)
def test_member_portal_pages_have_no_axe_violations(page, member_logged_in, url):
    page.goto(url)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_form_errors_have_no_axe_violations(page, member_logged_in):
    page.goto("/portaal/lidmaatschap/profiel/")
    page.get_by_label("Postcode").fill("1012 JS")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("niet in de gemeente Groningen")).to_be_visible()
    assert_accessible(page)
    page.goto("/portaal/lidmaatschap/verklaring/")
    page.get_by_role("button", name="Verklaring versturen").click()
    expect(page.get_by_text("Antwoord ja of nee.")).to_have_count(4)
    assert_accessible(page)


def test_page_without_membership_has_no_axe_violations(page):
    UserFactory(email="geen-lid@example.org", role="Lid")
    log_in(page, "geen-lid@example.org")
    page.wait_for_url("**/portaal/")
    page.goto("/portaal/lidmaatschap/")
    assert page.get_by_text("Er is geen lidmaatschap gekoppeld aan dit account.").is_visible()
    assert_accessible(page)


def test_m5_keyboard_user_makes_the_declaration(page, member_logged_in):
    page.goto("/portaal/lidmaatschap/verklaring/")
    # Tab to the first question; in each group the arrow key moves from "Ja" to "Nee".
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "m5_council":
            break
    for name in ["m5_council", "m5_employee", "m5_commercial", "m5_political"]:
        assert page.evaluate("document.activeElement.name") == name
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.value") == "no"
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Verklaring versturen"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("U heeft uw verklaring voor")).to_be_visible()
    declaration = IncompatibilityDeclaration.objects.get(member=member_logged_in)
    assert declaration.is_compatible
    assert_accessible(page)
