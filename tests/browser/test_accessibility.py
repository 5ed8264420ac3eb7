"""A real Chromium against the live server: axe-core, keyboard use, no JavaScript."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from members.models import User
from tests.browser.login import log_in, log_in_by_form
from tests.harness import assert_accessible
from tests.members.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/toegankelijkheid/",
        "/adviezen/open-data/",
        "/bijeenkomsten/",
        "/account/inloggen/",
        "/account/wachtwoord/vergeten/",
        "/bestaat-niet/",
    ],
)
def test_public_pages_have_no_axe_violations(page, url):
    page.goto(url)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_login_errors_have_no_axe_violations(page):
    UserFactory(email="anna@example.org")
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill("anna@example.org")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("horen niet bij elkaar")).to_be_visible()
    assert_accessible(page)


def test_portal_home_has_no_axe_violations(page):
    UserFactory(email="lid@example.org", first_name="Fatima", role="Lid")
    log_in(page, "lid@example.org")
    page.wait_for_url("**/portaal/")
    assert page.get_by_role("heading", level=1).inner_text() == "Welkom, Fatima"
    assert_accessible(page)


def test_two_factor_setup_has_no_axe_violations(page):
    UserFactory(email="sec@example.org", role="Secretariaat")
    log_in(page, "sec@example.org")
    page.wait_for_url("**/portaal/")
    page.goto("/account/tweestapsverificatie/")
    assert_accessible(page)


def test_second_factor_pages_have_no_axe_violations(page):
    """Issue 15.1's new pages: the first device (password again) and the verify page."""
    UserFactory(email="sec@example.org", role="Secretariaat")
    log_in(page, "sec@example.org")
    page.wait_for_url("**/portaal/")
    page.goto("/account/tweestapsverificatie/eerste/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    user = User.objects.get(email="sec@example.org")
    TOTPDevice.objects.create(user=user, name="Telefoon", confirmed=True)
    page.goto("/account/tweestapsverificatie/controle/")
    page.get_by_role("button", name="Bevestigen").click()  # no code: the error is shown
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_english_pages_have_no_axe_violations(page):
    page.goto("/")
    page.get_by_role("navigation", name="Taal").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Skip to content").count() == 1
    assert_accessible(page)


def test_keyboard_user_skips_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_keyboard_user_logs_in(page):
    UserFactory(email="lid@example.org", role="Lid")
    page.goto("/account/inloggen/")
    # The login page focuses the e-mail field; type, tab to the password, press Enter.
    expect(page.get_by_label("E-mailadres")).to_be_focused()
    page.keyboard.type("lid@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/portaal/")


def test_login_and_language_switch_work_without_javascript(browser, live_server):
    UserFactory(email="lid@example.org", role="Lid")
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    log_in_by_form(page, "lid@example.org")
    page.wait_for_url("**/portaal/")
    page.get_by_role("link", name="English").click()  # the same page under /en/
    page.wait_for_url("**/en/portaal/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welcome")
    context.close()


def test_pages_break_no_content_security_policy(page):
    violations = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security" in msg.text else None,
    )
    for url in ["/", "/account/inloggen/", "/toegankelijkheid/"]:
        page.goto(url)
    assert violations == []


def test_assert_accessible_catches_a_violation(page):
    page.goto("/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x>')")
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)


def test_staff_logs_in_with_the_authenticators_code(page):
    """The whole second-factor login in the browser (the other tests log in by cookie):
    the password, then the code on the verify page, then the page asked for."""
    user = UserFactory(email="sec@example.org", role="Secretariaat")
    device = TOTPDevice.objects.create(user=user, name="Telefoon", confirmed=True)
    log_in_by_form(page, "sec@example.org")
    page.wait_for_url("**/portaal/")
    page.goto("/account/tweestapsverificatie/controle/?next=/portaal/")
    page.get_by_label("Code").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/portaal/")
    page.goto("/admin/")
    assert page.url.endswith("/admin/")
    assert_accessible(page)
