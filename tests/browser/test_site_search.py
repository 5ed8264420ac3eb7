"""Issue 19.4 in a real browser: the search box in the header finds a public meeting paper
by a word that occurs only inside its PDF, and a news item by a word in its body; never a
members-only paper. The search page passes axe-core and does not scroll sideways at 375px."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from demo.meeting_papers import text_pdf
from steering.models import AgendaItem, PlenaryMeeting
from steering.services.papers import paper_add
from tests.advices.public_factories import published_advice
from tests.harness import assert_accessible
from tests.members.factories import secretary
from tests.public.factories import NewsItemFactory
from tests.steering.factories import PlenaryMeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scrolling(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def site():
    by = secretary(email="secretaris@example.org")
    meeting = PlenaryMeetingFactory(
        title="Brede bijeenkomst juni", public=True, status=PlenaryMeeting.Status.HELD,
        starts_at=timezone.now() - datetime.timedelta(days=20),
    )  # fmt: skip
    item = AgendaItem.objects.create(meeting=meeting, position=3, title="Jaarplan 2027")
    for title, line, audience in (
        ("Jaarplan 2027", "Wij openen een speeltuinbieb in Lewenborg.", "public"),
        ("Interne notitie", "Vertrouwelijk: de kascommissie.", "members"),
    ):
        paper_add(
            item=item, title=title, audience=audience, by=by,
            file=SimpleUploadedFile("stuk.pdf", text_pdf("Vergaderstuk", [line])),
        )  # fmt: skip
    NewsItemFactory(
        title="Nieuwe leden gezocht",
        slug="nieuwe-leden",
        summary="Doe mee met de adviesgroep.",
        body="<p>Wij lopen mee in de zomerwandeling door Beijum.</p>",
    )
    published_advice(subject="Ervaringen met armoede", slug="armoede")


def test_the_header_search_finds_a_paper_by_its_pdf_text_and_news_by_its_body(page, site):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    _no_sideways_scrolling(page)
    page.locator("#site-search-q").fill("speeltuinbieb")
    page.locator("#site-search button[type=submit]").click()
    page.wait_for_url("**/zoeken/?q=speeltuinbieb")
    meetings = page.locator("#results-meetings")
    expect(meetings.get_by_role("link", name="Jaarplan 2027")).to_be_visible()
    expect(meetings.locator("mark")).to_have_text("speeltuinbieb")
    assert page.locator(".search-group").count() == 1
    assert_accessible(page)
    _no_sideways_scrolling(page)

    page.locator("#id_q").fill("zomerwandeling")  # the page's own form
    page.locator("#search-form button[type=submit]").click()
    page.wait_for_url("**/zoeken/?q=zomerwandeling")
    news = page.locator("#results-news")
    expect(news.get_by_role("link", name="Nieuwe leden gezocht")).to_be_visible()
    news.get_by_role("link", name="Nieuwe leden gezocht").click()
    page.wait_for_url("**/nieuws/nieuwe-leden/")

    page.goto("/zoeken/?q=kascommissie")  # only in the members-only paper
    expect(page.locator("#search-empty")).to_be_visible()
    assert "Interne notitie" not in page.content()
    assert_accessible(page)
    _no_sideways_scrolling(page)


def test_the_search_page_is_accessible_on_a_desk_and_in_english(page, site):
    for url in ("/zoeken/", "/zoeken/?q=armoede", "/en/zoeken/?q=armoede+zomerwandeling"):
        page.goto(url)
        assert_accessible(page)
    page.goto("/zoeken/?q=armoede")
    expect(page.locator("#results-advices")).to_contain_text("Ervaringen met armoede")
    page.set_viewport_size({"width": 375, "height": 800})
    _no_sideways_scrolling(page)
