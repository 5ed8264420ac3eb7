"""Findability (A4): the Atom feed, sitemap.xml and robots.txt."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from advices.models import Status
from tests.advices.public_factories import advice_at, published_advice
from tests.members.factories import theme

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_a4_feed_lists_published_advices_newest_first(client):
    older = published_advice(subject="Hulp bij het huishouden", themes=[theme("Armoede")])
    newer = published_advice(subject="Jeugdhulp naar WIJ")
    advice_at(Status.ADOPTED, subject="Nog niet gepubliceerd")
    response = client.get(reverse("advices_public:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [newer.subject, older.subject]
    link = entries[1].find(f"{ATOM}link").get("href")
    assert link.endswith(reverse("advices_public:detail", kwargs={"slug": older.slug}))
    assert entries[1].find(f"{ATOM}category").get("term") == "Armoede"
    assert entries[0].find(f"{ATOM}published") is not None


def test_sitemap_lists_the_public_pages_and_published_advices(client):
    published = published_advice()
    draft = advice_at(Status.ADOPTED)
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("advices_public:detail", kwargs={"slug": published.slug}) in body
    assert reverse("advices_public:detail", kwargs={"slug": draft.slug}) not in body
    assert f"<loc>http://testserver{reverse('advices_public:list')}</loc>" in body
    assert "<loc>http://testserver/</loc>" in body
    assert "<lastmod>" in body


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
