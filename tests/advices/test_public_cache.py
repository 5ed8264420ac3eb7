"""A4: the public pages as anonymous visitors get them: cached, cookie-free, in two
languages by address (advices.publication.cache_public_page, asdg.urls)."""

import pytest
from django.urls import reverse

from advices.models import Status
from advices.services import advice_publish
from tests.advices.public_factories import advice_at, published_advice

pytestmark = pytest.mark.django_db


@pytest.fixture
def advice():
    return published_advice(slug="armoede")


def public_pages():
    return ["/", "/toegankelijkheid/", "/adviezen/", "/adviezen/armoede/", "/adviezen/?q=zorg"]


@pytest.mark.parametrize("path", public_pages())
def test_an_anonymous_page_sets_no_cookie_carries_no_token_and_can_be_revalidated(
    client, advice, path
):
    for _request in range(2):  # rendered, then from the cache
        response = client.get(path, headers={"accept-language": "en-GB,en;q=0.9"})
        assert response.status_code == 200
        assert not response.cookies
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert response["ETag"]
        assert "no-cache" in response["Cache-Control"]
        assert "Cookie" not in response.get("Vary", "")
        assert "Accept-Language" not in response.get("Vary", "")
        assert response["Content-Language"] == "nl"


def test_the_english_page_is_under_en_with_hreflang_links_and_the_switch(client, advice):
    english = client.get("/en/adviezen/armoede/")
    assert english.status_code == 200
    assert english["Content-Language"] == "en"
    page = english.content.decode()
    assert '<html lang="en">' in page
    assert '<link rel="alternate" hreflang="nl" href="http://testserver/adviezen/armoede/">' in page
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/adviezen/armoede/">' in page
    )
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/adviezen/armoede/">'
        in page
    )
    assert '<a href="/adviezen/armoede/" hreflang="nl" lang="nl">Nederlands</a>' in page
    dutch = client.get("/adviezen/armoede/?x=1").content.decode()
    assert '<a href="/en/adviezen/armoede/?x=1" hreflang="en" lang="en">English</a>' in dutch
    assert "<select" not in dutch.split("</header>")[0]  # no language form left


def test_a_member_never_gets_the_cached_anonymous_page(client, member_client, advice):
    assert "Log out" not in client.get("/adviezen/").content.decode()  # now in the cache
    member_page = member_client.get("/adviezen/")
    assert "no-store" in member_page["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in member_page.content.decode()  # the log-out form


def test_an_anonymous_visitor_never_gets_a_members_page(client, member_client, advice):
    member_client.get("/")
    member_client.get("/adviezen/")
    for path in ("/", "/adviezen/"):
        page = client.get(path).content.decode()
        assert "csrfmiddlewaretoken" not in page
        assert reverse("portal") not in page.split("</header>")[0]


def test_a4_publishing_through_the_service_shows_on_the_next_request(client):
    trajectory = advice_at(Status.SENT, slug="nieuw")
    before = client.get("/adviezen/")
    assert 'data-slug="nieuw"' not in before.content.decode()
    assert client.get("/adviezen/", headers={"if-none-match": before["ETag"]}).status_code == 304
    advice_publish(trajectory=trajectory, by=None)
    after = client.get("/adviezen/", headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert 'data-slug="nieuw"' in after.content.decode()


def test_a_cached_page_holds_no_csp_nonce(client, advice):
    for _request in range(2):
        response = client.get("/adviezen/armoede/")
        assert "nonce" not in response.content.decode()
        assert "nonce" not in response["Content-Security-Policy"]


def test_the_english_portal_is_never_stored_either(member_client, client):
    # PrivacyHeadersMiddleware's prefixes hold under /en/ too (asdg.middleware.strip_language).
    response = member_client.get("/en/portaal/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client.get("/en/aanmelden/")["Cache-Control"]


@pytest.mark.parametrize("per_request", ["csrf token", "csp nonce"])
def test_a_page_holding_a_per_request_value_is_never_stored(rf, per_request):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from advices.publication import cache_public_page

    rendered = []

    @cache_public_page
    def view(request):
        if per_request == "csrf token":
            value = get_token(request)
        else:
            value = request._csp_nonce = "n0nce"  # what django-csp sets once it is used
        rendered.append(value)
        return HttpResponse(value)

    for _request in range(2):
        response = view(rf.get("/"))
        assert "private" in response["Cache-Control"]
    assert len(rendered) == 2  # rendered each time, never served from the cache
