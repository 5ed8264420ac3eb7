"""Issue 15.2, 15.9, 15.10, 15.11 as deployed: gunicorn on a unix socket behind a proxy.

gunicorn runs with deploy/gunicorn.conf.py and production settings on the test database,
bound to a unix socket as in the README's deployment, where REMOTE_ADDR is empty. The
tests speak to it as nginx does: X-Forwarded-Proto https and the visitor's address
appended to X-Forwarded-For (ASDG_TRUSTED_PROXIES=1).
"""

import http.client
import json
import os
import re
import socket
import time
from http.cookies import SimpleCookie

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.db import connection

from tests.harness import database_url_of, gunicorn_on_socket
from tests.members.factories import PASSWORD, UserFactory

# One gunicorn for the module (`site`): its tests stay on one pytest-xdist worker.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("proxy_gunicorn"),
    pytest.mark.slow,
]

DEPLOY = settings.BASE_DIR / "deploy"
LOGIN = "/account/inloggen/"
NEWSLETTER = "/nieuwsbrief/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=20):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


class Visitor:
    """One browser behind nginx: its address goes into X-Forwarded-For, cookies kept."""

    def __init__(self, site, address, *, forged=None):
        self.site, self.address, self.forged = site, address, forged
        self.cookies = {}

    def request(self, method, path, *, body=None, headers=None):
        headers = dict(headers or {})
        # nginx appends the address it saw to whatever the visitor sent.
        forged = headers.pop("X-Forwarded-For", self.forged)
        forwarded = f"{forged}, {self.address}" if forged else self.address
        sent = {
            "Host": "localhost",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": forwarded,
            **headers,
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = "https://localhost"
            sent["Referer"] = f"https://localhost{path}"
        conn = UnixHTTPConnection(self.site.socket)
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        return response.status, content.decode("utf-8", "replace")

    def post_form(self, path, fields):
        from urllib.parse import urlencode

        status, page = self.request("GET", path)
        assert status == 200, (status, page[:300])
        token = TOKEN.search(page).group(1)
        return self.request("POST", path, body=urlencode({"csrfmiddlewaretoken": token, **fields}))

    def login(self, username, password="fout"):
        return self.post_form(LOGIN, {"username": username, "password": password})[0]


class Site:
    def __init__(self, socket_path, log_path):
        self.socket = str(socket_path)
        self.log_path = log_path

    def log_lines(self):
        return self.log_path.read_text(encoding="utf-8", errors="strict").splitlines()


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    pytest.importorskip("gunicorn", reason="gunicorn is not installed")
    folder = tmp_path_factory.mktemp("gunicorn")
    sock, log = folder / "g.sock", folder / "gunicorn.log"
    with django_db_blocker.unblock():
        database = connection.settings_dict
    url = database_url_of(database)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "asdg.settings",
        "DATABASE_URL": url,
        "CONN_MAX_AGE": "0",  # no connection left open while a test empties the tables
        "SECURE_SSL_REDIRECT": "true",
        "ALLOWED_HOSTS": "localhost",
        "ASDG_TRUSTED_PROXIES": "1",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "GUNICORN_BIND": f"unix:{sock}",
        "GUNICORN_WORKERS": "1",  # one process: one per-process cache for the rate limit
    }
    env.pop("AXES_PROXY_COUNT", None)
    with gunicorn_on_socket(env, sock, log):
        yield Site(sock, log)


@pytest.fixture
def member(settings):
    # gunicorn checks passwords with production's hasher, not the tests' fast one.
    user = UserFactory(email="lid@example.org")
    user.password = make_password(PASSWORD, hasher=PBKDF2PasswordHasher())
    user.save(update_fields=["password"])
    return user


def test_the_lockout_behind_the_proxy_locks_the_guessing_address_only(site, member):
    limit = settings.AXES_FAILURE_LIMIT
    guesser = Visitor(site, "203.0.113.5")
    statuses = [guesser.login("lid@example.org") for _attempt in range(limit - 1)]
    assert statuses == [200] * (limit - 1)
    # The same visitor, the account in capitals and a forged header of its own: one count.
    assert Visitor(site, "203.0.113.5", forged="1.2.3.4").login("LID@example.org") == 429
    assert guesser.login("lid@example.org", PASSWORD) == 429
    # The member, from home: not locked out by the guesser.
    assert Visitor(site, "198.51.100.7").login("lid@example.org", PASSWORD) == 302
    attempts = AccessAttempt.objects.filter(username="lid@example.org")
    # One row, for the real address (the try while locked counts too).
    assert [(a.ip_address, a.failures_since_start) for a in attempts] == [
        ("203.0.113.5", limit + 1)
    ]


def test_the_newsletter_limit_behind_the_proxy_is_per_visitor(site):
    from public.views import SUBSCRIBE_LIMIT

    crowd = Visitor(site, "203.0.113.9")
    for n in range(SUBSCRIBE_LIMIT):
        assert crowd.post_form(NEWSLETTER, {"email": f"a{n}@example.org"})[0] == 302
    assert crowd.post_form(NEWSLETTER, {"email": "a9@example.org"})[0] == 429
    other = Visitor(site, "198.51.100.8")
    assert other.post_form(NEWSLETTER, {"email": "b@example.org"})[0] == 302


HOSTILE_PATHS = ["/agenda/%00.ics", "/%00", "/nieuws/%22%5C%22%00x/", "/?q=%00", "/%C3%28"]
HOSTILE_HEADERS = [
    {"X-Forwarded-For": '\\", 203.0.113.7'},
    {"X-Forwarded-For": '"}, {"injected": true'},
    {"User-Agent": '\\"\x01\x7f'},
    {"Cookie": 'sessionid="abc\\000def"'},
    {"Cookie": 'sessionid="abcdefgh\\000ijklmnopqrstuvwxyz012345"'},
    {"Cookie": 'csrftoken="\\000"; django_language="\\""'},
]


def _parses(line):
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def test_hostile_requests_are_no_500_and_every_log_line_is_json(site):
    visitor = Visitor(site, "203.0.113.7")
    before = len(site.log_lines())
    answers = []
    for path in HOSTILE_PATHS:
        for headers in [{}, *HOSTILE_HEADERS]:
            status, _page = visitor.request("GET", path, headers=headers)
            answers.append((path, headers, status))
    assert [answer for answer in answers if answer[2] >= 500] == []
    time.sleep(0.5)  # the access log is written after the answer
    lines = site.log_lines()[before:]
    assert lines
    # Each line parses, whatever was sent.
    unparsed = [line for line in lines if not _parses(line)]
    assert unparsed == []
    entries = [json.loads(line) for line in lines]
    access = [entry for entry in entries if entry.get("logger") == "gunicorn.access"]
    # (gunicorn refuses a control character in a header itself: a 400, in its error log.)
    assert len(access) >= len(answers) - len(HOSTILE_PATHS)
    assert {"/agenda/\x00.ics", "/\x00"} <= {entry["path"] for entry in access}
    assert '\\", 203.0.113.7, 203.0.113.7' in {entry["forwarded_for"] for entry in access}
