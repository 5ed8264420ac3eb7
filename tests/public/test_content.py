"""News items and pages: sanitised on save and on output, public only from publish_at."""

import datetime

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from public.models import NewsItem
from public.sanitise import render_body, sanitise_html
from tests.harness import assert_queries_flat
from tests.public.factories import NewsItemFactory, PageFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p>Welkom</p><script>alert("x")</script>'
    '<img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(2)">klik</a>'
    '<a href="https://example.org/" onclick="alert(3)" target="_blank">extern</a>'
    '<p style="color:red" onmouseover="alert(4)">tekst</p>'
    "<iframe src='https://example.org'></iframe>"
)
DANGER = ["<script", "alert(", "onerror", "javascript:", "onclick", "onmouseover", "<iframe",
          "<img", "style="]  # fmt: skip


def _assert_harmless(html: str):
    lowered = html.lower()
    for needle in DANGER:
        assert needle not in lowered, (needle, html)


def test_script_in_a_news_item_is_removed_when_saved():
    item = NewsItemFactory(body=HOSTILE)
    item.refresh_from_db()
    _assert_harmless(item.body)
    assert "<p>Welkom</p>" in item.body
    assert 'href="https://example.org/"' in item.body
    assert 'rel="noopener noreferrer"' in item.body


def test_script_in_a_news_item_is_harmless_on_the_page(client):
    item = NewsItemFactory()
    NewsItem.objects.filter(pk=item.pk).update(body=HOSTILE)  # past the model's sanitising
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode().split('id="news-body"')[1].split("</article>")[0]
    _assert_harmless(body)
    assert "<p>Welkom</p>" in body


def test_script_in_a_page_is_harmless(client):
    page = PageFactory(body=HOSTILE)
    page.refresh_from_db()
    _assert_harmless(page.body)
    response = client.get(page.get_absolute_url())
    _assert_harmless(response.content.decode().split('id="page-body"')[1].split("</div>")[0])


def test_plain_text_becomes_escaped_paragraphs():
    html = render_body("Eerste alinea & meer.\n\nTweede: 3 < 4")
    assert html == "<p>Eerste alinea &amp; meer.</p>\n\n<p>Tweede: 3 &lt; 4</p>"
    assert sanitise_html("<h1>Kop</h1><h2>Sub</h2>") == "Kop<h2>Sub</h2>"


def test_html_that_loses_all_tags_stays_html():
    item = NewsItemFactory(body="<script>x</script>A & B")
    item.refresh_from_db()
    assert item.body == "<p>A &amp; B</p>"


@pytest.mark.parametrize(
    "publish_at",
    [None, timezone.now() + datetime.timedelta(days=2)],
    ids=["draft", "scheduled"],
)
def test_unpublished_news_is_404_and_absent_from_lists(client, publish_at):
    hidden = NewsItemFactory(title="Nog geheim", publish_at=publish_at)
    shown = NewsItemFactory(title="Al openbaar")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    for url in [reverse("public:news-list"), reverse("home"), reverse("public:news-feed")]:
        content = client.get(url).content.decode()
        assert shown.title in content, url
        assert hidden.title not in content, url


def test_news_is_public_from_its_publication_moment(client):
    item = NewsItemFactory(publish_at=timezone.now() + datetime.timedelta(minutes=5))
    assert client.get(item.get_absolute_url()).status_code == 404
    NewsItem.objects.filter(pk=item.pk).update(publish_at=timezone.now())
    assert client.get(item.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "publish_at",
    [None, timezone.now() + datetime.timedelta(days=2)],
    ids=["draft", "scheduled"],
)
def test_unpublished_page_is_404_and_absent_from_the_menu(client, publish_at):
    hidden = PageFactory(title="Concept", publish_at=publish_at)
    shown = PageFactory(title="Hoe we werken")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    content = client.get(reverse("public:about")).content.decode()
    assert shown.get_absolute_url() in content
    assert hidden.get_absolute_url() not in content


def test_news_list_newest_first_and_paginated(client):
    now = timezone.now()
    for n in range(12):
        NewsItemFactory(title=f"Bericht {n:02}", publish_at=now - datetime.timedelta(days=n + 1))
    first = client.get(reverse("public:news-list")).context["news"]
    assert [item.title for item in first][:2] == ["Bericht 00", "Bericht 01"]
    assert len(first) == 10
    second = client.get(reverse("public:news-list"), {"pagina": 2}).context["news"]
    assert [item.title for item in second] == ["Bericht 10", "Bericht 11"]


def test_news_list_queries_do_not_grow(client):
    assert_queries_flat(
        lambda: client.get(reverse("public:news-list")),
        lambda n: NewsItemFactory.create_batch(n),
    )


def test_home_queries_do_not_grow_with_news(client):
    def home():
        for alias in caches:  # the page as it is rendered, not as the cache serves it
            caches[alias].clear()
        return client.get(reverse("home"))

    assert_queries_flat(home, NewsItemFactory.create_batch)
