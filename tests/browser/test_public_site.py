"""A visitor on the public site: news, the about pages and the newsletter (issue 6).

The visitor's walk runs with JavaScript disabled (public pages work without it); axe-core
checks every page of the public app in a browser with JavaScript on.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from public.models import Subscriber
from public.services import unsubscribe_token
from tests.browser.login import log_in_to_admin
from tests.harness import assert_accessible, deliver_outbox
from tests.members.factories import RecruitmentRoundFactory, UserFactory
from tests.public.factories import (
    NewsItemFactory,
    NewsletterFactory,
    PageFactory,
    SubscriberFactory,
)
from tests.steering.factories import SeatFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site():
    RecruitmentRoundFactory()
    SeatFactory(role="chair")
    PageFactory(
        slug="wie-we-zijn",
        title="Wie we zijn",
        menu_position=0,
        body="<p>Wij zijn veertig inwoners.</p><h2>Ons werk</h2><p>Adviseren.</p>",
    )
    PageFactory(slug="hoe-we-werken", title="Hoe we werken", body="<h2>Projectgroepen</h2>")
    return NewsItemFactory(
        title="Brede bijeenkomst over armoede",
        slug="brede-bijeenkomst",
        body='<p>Verslag.</p><script>document.title="gehackt"</script>'
        '<a href="https://example.org/">Meer</a>',
    )


def _link(path_part: str) -> str:
    message = deliver_outbox()[-1]
    return re.search(rf"https?://[^/\s]+(/nieuwsbrief/{path_part}/[^/\s]+/)", message.body)[1]


def test_visitor_reads_and_subscribes_without_javascript(browser, live_server, site):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()

    page.goto("/")
    page.locator("#home-news").get_by_role("link", name=site.title).click()
    page.wait_for_url(f"**/nieuws/{site.slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == site.title
    assert page.locator("#news-body script").count() == 0
    assert page.locator("#news-body a").get_attribute("rel") == "noopener noreferrer"

    page.goto("/over-ons/")
    assert "Wij zijn veertig inwoners." in page.locator("#about-text").inner_text()
    assert page.locator("#steering-group tbody tr").count() == 1
    assert page.locator("#composition-areas").is_visible()
    page.locator("#about-menu").get_by_role("link", name="Hoe we werken").click()
    page.wait_for_url("**/over-ons/hoe-we-werken/")

    page.goto("/nieuwsbrief/")
    page.locator("#id_email").fill("bezoeker@example.org")
    page.locator("#subscribe-form button[type=submit]").click()
    page.wait_for_url("**/nieuwsbrief/aangemeld/")
    assert deliver_outbox()[-1].to == ["bezoeker@example.org"]

    page.goto(_link("bevestigen"))
    page.locator("#confirm-form button[type=submit]").click()
    expect(page.locator("#confirmed")).to_be_visible()
    assert Subscriber.objects.get().status == Subscriber.Status.ACTIVE

    page.goto(f"/nieuwsbrief/afmelden/{unsubscribe_token(Subscriber.objects.get())}/")
    page.locator("#unsubscribe-form button[type=submit]").click()
    expect(page.locator("#unsubscribed")).to_be_visible()
    assert not Subscriber.objects.exists()
    context.close()


def test_every_public_page_is_accessible(page, site):
    subscriber = SubscriberFactory(status="pending", confirmed_at=None)
    from public.services import confirm_token

    urls = [
        "/",
        "/nieuws/",
        f"/nieuws/{site.slug}/",
        "/over-ons/",
        "/over-ons/hoe-we-werken/",
        "/nieuwsbrief/",
        "/nieuwsbrief/aangemeld/",
        f"/nieuwsbrief/bevestigen/{confirm_token(subscriber)}/",
        "/nieuwsbrief/bevestigen/niet-geldig/",
        f"/nieuwsbrief/afmelden/{unsubscribe_token(subscriber)}/",
    ]
    for url in urls:
        page.goto(url)
        assert_accessible(page)
    # The form with an error, the confirmed page, the unsubscribed page.
    page.goto("/nieuwsbrief/")
    page.locator("#id_email").fill("geen-adres")
    page.locator("#subscribe-form button[type=submit]").click()
    assert_accessible(page)
    page.goto(f"/nieuwsbrief/bevestigen/{confirm_token(subscriber)}/")
    page.locator("#confirm-form button[type=submit]").click()
    assert_accessible(page)
    page.goto(f"/nieuwsbrief/afmelden/{unsubscribe_token(subscriber)}/")
    page.locator("#unsubscribe-form button[type=submit]").click()
    assert_accessible(page)


def test_admin_news_and_newsletter_pages_are_accessible(page, settings, site):
    UserFactory(email="sec@example.org", role="Secretariaat")
    newsletter = NewsletterFactory()
    newsletter.news_items.add(site)
    SubscriberFactory()
    log_in_to_admin(page, "sec@example.org")
    for url in [
        "/admin/public/newsitem/",
        "/admin/public/newsitem/add/",
        f"/admin/public/newsitem/{site.pk}/change/",
        "/admin/public/page/",
        "/admin/public/newsletter/add/",
        f"/admin/public/newsletter/{newsletter.pk}/change/",
        "/admin/public/subscriber/",
    ]:
        page.goto(url)
        assert_accessible(page)
    page.goto("/admin/public/newsletter/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("send")
    page.locator("button[name=index]").click()
    expect(page.locator("#send-summary")).to_be_visible()
    assert_accessible(page)
    page.locator("input[name=apply]").click()
    page.wait_for_url("**/admin/public/newsletter/")
    deliver_outbox()
    assert len(mail.outbox) == 1 and "List-Unsubscribe" in mail.outbox[0].extra_headers
