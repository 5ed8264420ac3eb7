"""Issue 15.2: the login lockout per account and address, with a per-account ceiling.

(The same through gunicorn on a unix socket behind a forwarding proxy:
tests/asdg/test_proxy_gunicorn.py.)
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.members.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/account/inloggen/"


def _from(address):
    return Client(REMOTE_ADDR=address)


def _login(client, username, password="fout"):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.fixture(autouse=True)
def _direct(settings):
    # The test client talks to the site directly: its REMOTE_ADDR is the visitor.
    settings.ASDG_TRUSTED_PROXIES = 0


def test_the_lockout_counts_an_address_in_any_case_as_one_account(settings):
    # Before: LID@example.org got five fresh tries after lid@example.org was locked.
    UserFactory(email="lid@example.org")
    client = _from("203.0.113.5")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "lid@example.org").status_code == 200
    assert _login(client, " LID@Example.org ").status_code == 429
    assert _login(client, "Lid@example.org", PASSWORD).status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"lid@example.org"}


def test_a_guesser_elsewhere_cannot_lock_the_member_out(settings):
    UserFactory(email="lid@example.org")
    guesser = _from("203.0.113.5")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(guesser, "lid@example.org")
    assert _login(guesser, "lid@example.org", PASSWORD).status_code == 429
    member = _from("198.51.100.7")
    assert _login(member, "lid@example.org", PASSWORD).status_code == 302


def test_many_addresses_reach_the_account_ceiling_and_a_reset_mail_unlocks_it(settings):
    settings.ASDG_LOGIN_ACCOUNT_CEILING = 2 * settings.AXES_FAILURE_LIMIT
    user = UserFactory(email="lid@example.org")
    for index in range(settings.ASDG_LOGIN_ACCOUNT_CEILING):
        # A new address every second try: no address reaches the limit of its own.
        response = _login(_from(f"203.0.113.{index // 2 + 1}"), "lid@example.org")
        assert response.status_code == 200
    response = _login(_from("198.51.100.7"), "LID@example.org", PASSWORD)
    assert response.status_code == 429
    assert response.context["account_locked"] is True
    assert reverse("accounts:password-reset") in response.content.decode()
    # Another account is not touched.
    UserFactory(email="ander@example.org")
    assert _login(_from("198.51.100.7"), "ander@example.org", PASSWORD).status_code == 302

    # The owner proves the mailbox: a new password, and the account opens again.
    client = _from("198.51.100.7")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    response = client.get(
        reverse("accounts:password-reset-confirm", args=[uid, token]), follow=True
    )
    form_url = response.redirect_chain[-1][0]
    new = "herstelde-sleutel-77"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="lid@example.org").exists()
    assert _login(_from("198.51.100.7"), "lid@example.org", new).status_code == 302


def test_failures_of_an_address_without_an_account_do_not_touch_others(settings):
    settings.ASDG_LOGIN_ACCOUNT_CEILING = 3
    UserFactory(email="lid@example.org")
    for index in range(5):
        _login(_from(f"203.0.113.{index + 1}"), "niemand@example.org")
    assert _login(_from("198.51.100.7"), "lid@example.org", PASSWORD).status_code == 302
