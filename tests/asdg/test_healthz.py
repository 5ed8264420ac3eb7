"""/healthz: for the load balancer. 200 while the database answers, 503 when it does not."""

import json

import pytest
from django.db import OperationalError, connections
from django.test import Client

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert response["Content-Type"] == "application/json"


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable"}
    assert "connection refused" not in response.content.decode()


def test_healthz_sets_no_cookie_and_is_never_cached(client):
    response = client.get("/healthz")
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_healthz_is_not_redirected_to_https(settings):
    # With the production redirect on, the load balancer's plain-HTTP check still gets
    # an answer, while every other page is sent to HTTPS.
    settings.SECURE_SSL_REDIRECT = True
    client = Client()  # a new client: SecurityMiddleware reads the setting at start
    assert client.get("/healthz").status_code == 200
    home = client.get("/")
    assert home.status_code == 301
    assert home["Location"] == "https://testserver/"
