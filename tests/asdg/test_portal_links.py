"""Issue 16.3: no link, count or button on the portal home (its tasks included) or the
dashboard leads a person to a page that answers 403 or 404, for each role of the demo."""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

from members.models import User
from tests.fuzz.conftest import demo_media, demo_world  # noqa: F401 (the seeded demo)
from tests.harness import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_world")]

ROLES = {
    "lid": "lid@example.org",
    "stuurgroep": "stuurgroep@example.org",
    "secretariaat": "secretaris@example.org",
}


class Links(HTMLParser):
    """The site's own links in a page (no other host, no mail or calendar scheme)."""

    def __init__(self, within: str | None = None):
        super().__init__()
        self.hrefs: set[str] = set()
        self.within = within  # only links inside the element with this id
        self.depth = 0 if within is None else -1

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth >= 0 and self.within is not None and tag not in ("br", "img", "input"):
            self.depth += 1
        if self.within is not None and attrs.get("id") == self.within:
            self.depth = 1
        if tag == "a" and self.depth != -1 and attrs.get("href"):
            href = urldefrag(attrs["href"])[0]
            parts = urlsplit(href)
            if href and not parts.scheme and not parts.netloc:
                self.hrefs.add(href)

    def handle_endtag(self, tag):
        if self.within is not None and self.depth > 0:
            self.depth -= 1
            if self.depth == 0:
                self.depth = -1


def links(html: str, within: str | None = None) -> set[str]:
    parser = Links(within)
    parser.feed(html)
    return parser.hrefs


def client_for(email: str) -> Client:
    client = Client()
    login_verified(client, User.objects.get(email=email))
    return client


def refused(client: Client, hrefs: set[str]) -> dict[str, int]:
    answers = {}
    for href in sorted(hrefs):
        response = client.get(href, follow=True)
        if response.status_code in (403, 404):
            answers[href] = response.status_code
    return answers


@pytest.mark.parametrize("role", ROLES)
def test_every_link_on_the_portal_home_opens_for_the_role(role):
    client = client_for(ROLES[role])
    page = client.get("/portaal/").content.decode()
    hrefs = links(page)
    assert "/portaal/" in hrefs and len(hrefs) > 15
    assert refused(client, hrefs) == {}


@pytest.mark.parametrize("role", ["stuurgroep", "secretariaat"])
def test_every_link_on_the_dashboard_opens_for_the_role(role):
    client = client_for(ROLES[role])
    page = client.get("/admin/").content.decode()
    hrefs = links(page, within="dashboard")
    assert hrefs, "the demo has items on the dashboard"
    assert refused(client, hrefs) == {}


def test_the_demo_member_sees_her_open_tasks_first():
    client = client_for(ROLES["lid"])
    page = client.get("/portaal/").content.decode()
    tasks = links(page, within="te-doen")
    assert any("/portaal/verkiezingen/" in href for href in tasks)
    assert any("/portaal/bijeenkomsten/" in href for href in tasks)
