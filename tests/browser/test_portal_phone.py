"""Issue 16.4: on a phone (375px) and a desk (1280px) no page scrolls sideways, and the
menu folds behind a "Menu" button that works without JavaScript and with the keyboard.

The pages are those the demo's people reach: every link on the public home and the
portal home, and every link on those pages, one page per URL pattern.
"""

from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import Resolver404, resolve
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from demo.management.commands.seed_demo import DEMO_PASSWORD
from members.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (375, 1280)
# Files, feeds and actions are no pages; the admin's pages are checked elsewhere.
SKIP = (".pdf", ".csv", ".xlsx", ".ics", ".xml", ".json", ".txt")
SKIP_PARTS = ("/admin/", "/feed/", "/download/", "/bijlage/", "/bon/", "/uitloggen/", "/i18n/")


@pytest.fixture
def demo(demo_committed):
    """The demo, seeded once per worker and loaded again for each test (tests/conftest.py)."""


def demo_log_in(page, email):
    """Log in as a demo account; staff pass the second factor too (issue 15.3)."""
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/portaal/")
    user = User.objects.get(email=email)
    if user.is_staff:
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, defaults={"name": "Telefoon", "confirmed": True}
        )
        page.goto("/account/tweestapsverificatie/controle/?next=/portaal/")
        page.get_by_label("Code").fill(f"{TOTP(device.bin_key).token():06d}")
        page.get_by_role("button", name="Bevestigen").click()
        page.wait_for_url("**/portaal/")


def _links(page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
    result = []
    for href in hrefs:
        href = urldefrag(href)[0]
        parts = urlsplit(href)
        if not href or parts.scheme or parts.netloc or not href.startswith("/"):
            continue
        if href.endswith(SKIP) or any(part in href for part in SKIP_PARTS):
            continue
        result.append(href)
    return result


def _too_wide(page, starts: list[str], measured=lambda href: True):
    """The start pages, their links and their links' links, one URL per pattern, each
    visited once: measured at 375px, then resized to 1280px (the page is laid out again,
    its media queries apply) and measured again; its links are taken there. Returns the
    pages visited and, per page `measured` accepts, the widths at which it scrolls
    sideways. (A link to a file is found out by opening it, not by asking for it first.)"""
    seen_routes, pages, wide = set(), [], {}

    def add(href):
        try:
            match = resolve(urlsplit(href).path)
        except Resolver404:
            return False
        route = (match.route, urlsplit(href).query != "")
        if route in seen_routes:
            return False
        seen_routes.add(route)
        return True

    def visit(href) -> bool:
        """Open the page at 375px; False for a file (a PDF, a feed, a download)."""
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        try:
            response = page.goto(href)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                return False  # an attachment
            raise
        if not response.headers.get("content-type", "").startswith("text/html"):
            return False
        pages.append(href)
        return True

    frontier = [href for href in starts if add(href)]
    for depth in range(3):
        following = []
        for href in frontier:
            if depth == 2 and not measured(href):
                continue  # neither measured nor followed
            if not visit(href):
                continue
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                if not measured(href):
                    continue
                scroll, inner = page.evaluate(
                    "[document.documentElement.scrollWidth, window.innerWidth]"
                )
                if scroll > inner:
                    wide.setdefault(href, []).append(f"{scroll}px at {width}px")
            if depth < 2:
                following += [link for link in _links(page) if add(link)]
        frontier = following
    return pages, wide


def test_no_public_page_scrolls_sideways(page, demo):
    hrefs, wide = _too_wide(page, ["/", "/adviezen/", "/nieuws/", "/over-ons/", "/aanmelden/"])
    assert len(hrefs) > 8
    assert wide == {}


@pytest.mark.parametrize(
    "email", ["lid@example.org", "stuurgroep@example.org", "secretaris@example.org"]
)
def test_no_portal_page_scrolls_sideways(page, demo, email):
    demo_log_in(page, email)
    hrefs, wide = _too_wide(page, ["/portaal/"], lambda href: not href.startswith("/agenda/"))
    assert "/portaal/projectgroepen/" in hrefs
    assert wide == {}


def test_phone_menu_folds_behind_a_button_without_javascript(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        java_script_enabled=False,
        viewport={"width": 375, "height": 800},
    )
    page = context.new_page()
    page.goto("/")
    header = page.locator("header.site-header").bounding_box()
    assert header["height"] < 140  # was 190-230px: the menu wrapped to 3-4 rows
    menu = page.locator("summary", has_text="Menu")
    expect(menu).to_be_visible()
    news = page.locator("header").get_by_role("link", name="Nieuws", exact=True)
    expect(news).to_be_hidden()
    menu.focus()
    page.keyboard.press("Enter")
    expect(news).to_be_visible()
    expect(page.get_by_role("link", name="Aanmelden als lid")).to_be_visible()
    context.close()
