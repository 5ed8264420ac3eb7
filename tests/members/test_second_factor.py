"""Issue 15.1: a password alone never gets past the second factor.

The attacker is a second test client that knows only the password (it logs in through
the login form); the owner has an authenticator app.
"""

import logging
import re

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.roles import SECRETARIAT
from tests.harness import deliver_outbox, login_verified
from tests.members.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SETUP = "/account/tweestapsverificatie/"
VERIFY = "/account/tweestapsverificatie/controle/"
FIRST = "/account/tweestapsverificatie/eerste/"
ADD = "/account/tweestapsverificatie/nieuw/"
REMOVE = "/account/tweestapsverificatie/verwijderen/"


def _token(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _password_only_client(user) -> Client:
    attacker = Client()
    response = attacker.post("/account/inloggen/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return attacker


@pytest.fixture
def owner():
    user = UserFactory(role=SECRETARIAT, email="sec@example.org")
    device = TOTPDevice.objects.create(user=user, name="Eigenaar", confirmed=True)
    user.device = device
    return user


def _assert_not_verified(client):
    assert DEVICE_ID_SESSION_KEY not in client.session
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")


def test_password_alone_cannot_enrol_a_device_or_reach_the_admin(owner):
    attacker = _password_only_client(owner)
    _assert_not_verified(attacker)

    # The old set-up page handed out a new device and verified the session with it.
    attacker.get(SETUP)
    attacker.post(SETUP, {"token": "123456"})
    assert not TOTPDevice.objects.filter(user=owner, confirmed=False).exists()
    _assert_not_verified(attacker)
    # Now every way to a new device asks for the code first.
    for url in (ADD, FIRST):
        response = attacker.get(url, follow=True)
        assert response.redirect_chain, url
        assert response.redirect_chain[-1][0].startswith(VERIFY), response.redirect_chain
    assert not TOTPDevice.objects.filter(user=owner, confirmed=False).exists()
    # A crafted confirmation POST neither verifies the session nor touches the owner's device.
    response = attacker.post(ADD, {"token": "123456"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith(VERIFY)
    # Nor does a removal.
    response = attacker.post(REMOVE, {"device": owner.device.persistent_id})
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=owner)) == [owner.device]
    # A guessed code for the verify page is refused.
    response = attacker.post(
        VERIFY, {"otp_device": owner.device.persistent_id, "otp_token": "000000"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    _assert_not_verified(attacker)
    assert deliver_outbox() == []


def test_first_device_needs_the_password_again_and_the_mailed_code(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(role=SECRETARIAT, email="nieuw@example.org")
    client.post("/account/inloggen/", {"username": user.email, "password": PASSWORD})
    # Without the password and the mailed code, no device is handed out.
    assert client.get(ADD).headers["Location"] == FIRST
    assert not TOTPDevice.objects.filter(user=user).exists()

    response = client.post(FIRST, {"password": "niet-het-wachtwoord"})
    assert response.status_code == 200
    assert response.context["password_form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FIRST, {"password": PASSWORD})
    assert response.status_code == 302
    assert [message.to for message in deliver_outbox()] == [[user.email]]
    code = re.search(r"^(\d{8})$", deliver_outbox()[0].body, re.MULTILINE).group(1)
    assert code not in str(dict(client.session))  # only its keyed hash is kept

    # A wrong code gives no grant; the mailed one does.
    response = client.post(FIRST, {"code": "00000000" if code != "00000000" else "11111111"})
    assert response.context["code_form"].errors
    assert client.get(ADD).status_code == 302
    assert client.post(FIRST, {"code": code}).headers["Location"] == ADD
    assert client.get(ADD).status_code == 200

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD, {"token": _token(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    # The account holder hears of the new device.
    assert deliver_outbox()[-1].to == [user.email]
    assert device.name in deliver_outbox()[-1].body


def test_mailed_code_ends_after_too_many_wrong_tries(client, django_capture_on_commit_callbacks):
    user = UserFactory(role=SECRETARIAT)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FIRST, {"password": PASSWORD})
    code = re.search(r"^(\d{8})$", deliver_outbox()[0].body, re.MULTILINE).group(1)
    wrong = "00000000" if code != "00000000" else "11111111"
    for _try in range(5):
        client.post(FIRST, {"code": wrong})
    response = client.post(FIRST, {"code": code})
    assert response.status_code == 200
    assert client.get(ADD).status_code == 302


def test_the_password_alone_cannot_flood_the_mailbox_with_codes(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(role=SECRETARIAT)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        for _try in range(8):
            client.post(FIRST, {"password": PASSWORD})
    assert len(deliver_outbox()) == 5


def test_the_local_demo_needs_no_second_factor_in_the_portal(settings):
    settings.ASDG_ADMIN_REQUIRE_OTP = False
    client = Client()
    client.force_login(UserFactory(role=SECRETARIAT))
    assert client.get("/portaal/aanmeldingen/").status_code == 200


def test_a_verified_session_adds_a_second_device_and_keeps_the_first(
    owner, django_capture_on_commit_callbacks, caplog
):
    client = Client()
    client.post("/account/inloggen/", {"username": owner.email, "password": PASSWORD})
    response = client.post(
        VERIFY, {"otp_device": owner.device.persistent_id, "otp_token": _token(owner.device)}
    )
    assert response.status_code == 302
    assert client.get(ADD).status_code == 200
    new = TOTPDevice.objects.get(user=owner, confirmed=False)
    caplog.set_level(logging.INFO, logger="asdg.audit")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(ADD, {"token": _token(new)}).status_code == 302
    # Replacing never silently removes: both devices stand until the owner removes one.
    assert set(TOTPDevice.objects.filter(user=owner, confirmed=True)) == {owner.device, new}
    events = [record.audit["event"] for record in caplog.records if hasattr(record, "audit")]
    assert "second_factor.enrolled" in events
    assert deliver_outbox()[-1].to == [owner.email]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REMOVE, {"device": owner.device.persistent_id})
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=owner)) == [new]
    events = [record.audit["event"] for record in caplog.records if hasattr(record, "audit")]
    assert "second_factor.removed" in events
    assert "Eigenaar" in deliver_outbox()[-1].body


def test_nobody_removes_another_users_device(owner):
    other = login_verified(Client(), UserFactory(role=SECRETARIAT))
    response = other.post(REMOVE, {"device": owner.device.persistent_id})
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(pk=owner.device.pk).exists()


def test_verify_page_returns_to_a_local_page_only(owner):
    client = _password_only_client(owner)
    response = client.post(
        VERIFY,
        {
            "otp_device": owner.device.persistent_id,
            "otp_token": _token(owner.device),
            "next": "https://elders.example/",
        },
    )
    assert response.headers["Location"] == SETUP


def test_a_device_deleted_in_the_admin_is_audited_and_mailed(
    owner, secretariat_client, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.INFO, logger="asdg.audit")
    url = f"/admin/otp_totp/totpdevice/{owner.device.pk}/delete/"
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=owner).exists()
    events = [record.audit for record in caplog.records if hasattr(record, "audit")]
    removed = [event for event in events if event["event"] == "second_factor.removed"]
    assert removed and removed[0]["by"] == f"members.user:{secretariat_client.user.pk}"
    assert deliver_outbox()[-1].to == [owner.email]


def test_only_a_superuser_deletes_a_superusers_device(secretariat_client):
    root = UserFactory(is_superuser=True, is_staff=True)
    device = TOTPDevice.objects.create(user=root, name="root", confirmed=True)
    url = f"/admin/otp_totp/totpdevice/{device.pk}/delete/"
    assert secretariat_client.post(url, {"post": "yes"}).status_code == 403
    changelist = "/admin/otp_totp/totpdevice/"
    secretariat_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [device.pk], "post": "yes"}
    )
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
