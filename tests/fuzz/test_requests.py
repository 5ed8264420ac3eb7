"""Issue 15.10: no path, query or cookie a client sends gives a 500.

`GET /agenda/%00.ics` (a NUL in a text lookup) and `Cookie: sessionid="abc\\000def"` (on
every page) were 500s. Every page of the URL-permission matrix is asked for with hostile
text in its path, its query string and its cookies, as anonymous and as the secretariat
(second factor passed): the answer may be anything but a 5xx.
"""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.asdg.test_url_permissions import PAGES
from tests.harness import login_verified
from tests.members.factories import UserFactory
from tests.url_matrix import SEC

pytestmark = pytest.mark.django_db

HOSTILE = [
    "\x00",
    "abc\x00def",
    "abcdefgh\x00ijklmnopqrstuvwxyz012345",
    "\x01\x02\x1b[31m\x7f",
    "\t\r\n",
    '"',
    "'",
    '\\"',
    '"; DROP TABLE x; --',
    "%",
    "%%00",
    "..",
    "\u202egnp.exe",
    "🙂" * 20,
    "x" * 4000,
]
# Routes that take any text (the str converter): the lookups a NUL broke.
TEXT_ROUTES = [
    ("steering_calendar:feed", "token"),
    ("public:newsletter-confirm", "token"),
    ("public:newsletter-unsubscribe", "token"),
]
COOKIES = ["sessionid", "csrftoken", "django_language"]
QUERY_KEYS = ["q", "pagina", "jaar", "next", "o", "p"]


def _pages():
    urls = []
    for name, (kwargs, _answers) in PAGES.items():
        try:
            urls.append(reverse(name, kwargs=kwargs))
        except NoReverseMatch:
            continue
    return sorted(set(urls))


def _assert_answered(client, method, url, **extra):
    response = getattr(client, method)(url, **extra)
    assert response.status_code < 500, (method, url, extra, response.status_code)
    return response


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.fixture
def secretariat():
    client = Client(raise_request_exception=False)
    login_verified(client, UserFactory(role=SEC))
    return client


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("route", TEXT_ROUTES, ids=lambda route: route[0])
def test_hostile_text_in_a_path_is_no_500(anonymous, route, value):
    name, kwarg = route
    try:
        url = reverse(name, kwargs={kwarg: value})
    except NoReverseMatch:
        pytest.skip("the converter refuses this value before any view")
    for method in ("get", "post", "head"):
        _assert_answered(anonymous, method, url)


def test_the_nul_feed_of_the_report_is_a_400(anonymous):
    # Issue 15.10 as reported: a 500 before.
    assert anonymous.get("/agenda/%00.ics").status_code == 400


@pytest.mark.parametrize("role", ["anonymous", "secretariat"])
def test_hostile_query_and_path_suffix_on_every_page_is_no_500(request, role):
    client = request.getfixturevalue(role)
    values = [quote(value, safe="") for value in HOSTILE]
    for index, url in enumerate(_pages()):
        value = values[index % len(values)]
        query = "&".join(f"{key}={value}" for key in QUERY_KEYS)
        _assert_answered(client, "get", f"{url}?{query}")
        _assert_answered(client, "get", f"{url}{value}")


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("cookie", COOKIES)
def test_hostile_cookie_is_no_500(anonymous, secretariat, cookie, value):
    # As a browser sends it: a quoted value with octal escapes (Python's SimpleCookie).
    escaped = "".join(
        f"\\{ord(c):03o}" if ord(c) < 32 or c in '"\\' or ord(c) == 127 else c for c in value
    )
    # WSGI hands headers over as latin-1 text of the bytes sent.
    header = f'{cookie}="{escaped}"'.encode().decode("latin-1")
    for client in (anonymous, secretariat):
        for url in ("/", "/portaal/", reverse("accounts:login"), "/admin/"):
            _assert_answered(client, "get", url, HTTP_COOKIE=header)
        _assert_answered(
            client,
            "post",
            reverse("accounts:login"),
            data={"username": "a@example.org", "password": "x"},
            HTTP_COOKIE=header,
        )


@pytest.mark.parametrize("key", ["abc\\000def", "abcdefgh\\000ijklmnopqrstuvwxyz012345"])
def test_a_nul_session_cookie_is_no_session(anonymous, key):
    # Issue 15.10 as reported: every page was a 500 with such a cookie.
    response = anonymous.get("/", HTTP_COOKIE=f'sessionid="{key}"')
    assert response.status_code == 200
