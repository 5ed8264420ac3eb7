"""A4 as deployed: a publication shows at once on every gunicorn worker's next request.

gunicorn runs with deploy/gunicorn.conf.py, two sync workers on a unix socket, and the
cache in PostgreSQL (CACHE_URL=dbcache://, as in production). Each worker keeps its
anonymous pages in its own memory (the "local" cache) under the publication version,
which it reads from the shared cache on every request.

A sync worker answers one connection at a time, so each worker is reached on purpose:
an unfinished request keeps one busy while the other answers, then it finishes.
"""

import http.client
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from advices.models import Status
from advices.services import advice_publish
from tests.advices.public_factories import advice_at
from tests.asdg.test_proxy_gunicorn import UnixHTTPConnection
from tests.harness import database_url_of, gunicorn_on_socket

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]  # gunicorn

SHARED_CACHE = "asdg_cache"
HEADERS = {"Host": "localhost", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}


@pytest.fixture(scope="module")
def socket_path(django_db_setup, django_db_blocker, tmp_path_factory):
    pytest.importorskip("gunicorn", reason="gunicorn is not installed")
    folder = tmp_path_factory.mktemp("gunicorn-workers")
    sock, log = folder / "g.sock", folder / "gunicorn.log"
    with django_db_blocker.unblock():
        url = database_url_of(connection.settings_dict)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "asdg.settings",
        "DATABASE_URL": url,
        "CACHE_URL": f"dbcache://{SHARED_CACHE}",
        "CONN_MAX_AGE": "0",
        "ALLOWED_HOSTS": "localhost",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "GUNICORN_BIND": f"unix:{sock}",
        "GUNICORN_WORKERS": "2",
    }
    subprocess.run(
        [sys.executable, "manage.py", "createcachetable"],
        cwd=settings.BASE_DIR, env=env, check=True, timeout=300,
    )  # fmt: skip
    with gunicorn_on_socket(env, sock, log):
        yield str(sock)


@pytest.fixture
def shared_cache(settings):
    """This process publishes through the same shared cache as the workers."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": SHARED_CACHE,
        },
    }


def _answer(response: http.client.HTTPResponse) -> tuple[int, dict, str]:
    body = response.read().decode()
    return response.status, dict(response.getheaders()), body


def get_from_each_worker(socket_path: str, path: str) -> list[tuple[int, dict, str]]:
    """GET `path` from both workers: one held by an unfinished request, then that one."""
    held = UnixHTTPConnection(socket_path)
    held.connect()
    lines = [f"GET {path} HTTP/1.1", *(f"{name}: {value}" for name, value in HEADERS.items())]
    held.sock.sendall(("\r\n".join(lines) + "\r\n").encode())  # not yet the blank line
    time.sleep(0.5)  # one worker has taken it and waits for the end of its headers
    other = UnixHTTPConnection(socket_path)
    try:
        other.request("GET", path, headers=HEADERS)
        answers = [_answer(other.getresponse())]
        held.sock.sendall(b"Connection: close\r\n\r\n")
        response = http.client.HTTPResponse(held.sock, method="GET")
        response.begin()
        answers.append(_answer(response))
    finally:
        other.close()
        held.close()
    return answers


def test_a4_a_publication_shows_at_once_on_every_workers_next_request(socket_path, shared_cache):
    trajectory = advice_at(Status.SENT, subject="Een nieuw advies over mantelzorg")
    marker = f'data-slug="{trajectory.slug}"'
    lists = get_from_each_worker(socket_path, "/adviezen/")
    homes = get_from_each_worker(socket_path, "/")
    for status, headers, _body in lists + homes:
        assert status == 200 and "ETag" in headers
        assert "Set-Cookie" not in headers
    assert not [body for _status, _headers, body in lists if marker in body]
    # Both workers now hold their copies: asked again, they answer them unchanged.
    again = get_from_each_worker(socket_path, "/adviezen/")
    assert [h["ETag"] for _s, h, _b in again] == [h["ETag"] for _s, h, _b in lists]

    advice_publish(trajectory=trajectory, by=None)

    lists_after = get_from_each_worker(socket_path, "/adviezen/")
    homes_after = get_from_each_worker(socket_path, "/")
    assert [marker in body for _status, _headers, body in lists_after] == [True, True]
    old_etags = {headers["ETag"] for _status, headers, _body in lists + homes}
    new_etags = {headers["ETag"] for _status, headers, _body in lists_after + homes_after}
    assert not old_etags & new_etags  # every worker's home page is of the new version too
