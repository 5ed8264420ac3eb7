import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import User
from members.roles import MEMBER, SECRETARIAT, STEERING_GROUP
from tests.harness import deliver_outbox
from tests.members.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/account/inloggen/"


def test_user_logs_in_with_email_case_insensitively(client):
    UserFactory(email="anna@example.org")
    response = client.post(LOGIN, {"username": "Anna@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("portal")


def test_email_is_unique_whatever_its_case():
    UserFactory(email="anna@example.org")
    with pytest.raises(Exception):  # noqa: B017 — the database or full_clean refuses it
        User.objects.create_user("ANNA@example.org", "x-password-1")


def test_wrong_password_gives_a_dutch_message(client):
    UserFactory(email="anna@example.org")
    response = client.post(LOGIN, {"username": "anna@example.org", "password": "fout"})
    assert response.status_code == 200
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar" in response.content.decode()


def test_repeated_wrong_passwords_lock_the_account_with_a_dutch_message(client, settings):
    UserFactory(email="anna@example.org")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(LOGIN, {"username": "anna@example.org", "password": "fout"})
        assert response.status_code == 200
    response = client.post(LOGIN, {"username": "anna@example.org", "password": "fout"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Tijdelijk geblokkeerd" in page
    assert "5 keer een verkeerd wachtwoord" in page
    # Locked: even the right password is refused now.
    response = client.post(LOGIN, {"username": "anna@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_account(client, settings):
    UserFactory(email="anna@example.org")
    UserFactory(email="bert@example.org")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "anna@example.org", "password": "fout"})
    response = client.post(LOGIN, {"username": "bert@example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_logout_is_a_post_and_ends_the_session(member_client):
    assert member_client.get("/account/uitloggen/").status_code == 405
    response = member_client.post("/account/uitloggen/")
    assert response.status_code == 302
    assert "_auth_user_id" not in member_client.session


def test_password_change(member_client):
    response = member_client.post(
        "/account/wachtwoord/wijzigen/",
        {
            "old_password": PASSWORD,
            "new_password1": "een-nieuw-wachtwoord-42",
            "new_password2": "een-nieuw-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    member_client.user.refresh_from_db()
    assert member_client.user.check_password("een-nieuw-wachtwoord-42")


def test_password_reset_by_email(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="anna@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/wachtwoord/vergeten/", {"email": "anna@example.org"})
    deliver_outbox()
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "ASDG" in message.subject
    link = re.search(r"http://testserver(/account/wachtwoord/herstellen/\S+)", message.body)
    assert link, message.body
    response = client.get(link.group(1), follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "herstelde-sleutel-77", "new_password2": "herstelde-sleutel-77"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("herstelde-sleutel-77")


def test_password_reset_for_an_unknown_address_reveals_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/wachtwoord/vergeten/", {"email": "niemand@example.org"})
    deliver_outbox()
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/wachtwoord/vergeten/verzonden/"
    assert mail.outbox == []


def test_role_groups_exist_with_their_permissions():
    secretariat = Group.objects.get(name=SECRETARIAT)
    steering = Group.objects.get(name=STEERING_GROUP)
    member = Group.objects.get(name=MEMBER)

    def codes(group):
        return {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }

    assert {
        "members.add_user",
        "members.change_user",
        "members.delete_user",
        "organisation.change_organisation",
        "axes.delete_accessattempt",
        "otp_totp.delete_totpdevice",
    } <= codes(secretariat)
    assert "auth.change_group" not in codes(secretariat)
    assert "members.view_user" in codes(steering)
    assert not {"members.change_user", "members.delete_user"} & codes(steering)
    assert not any(code.startswith("organisation.") for code in codes(steering))
    assert codes(member) == set()


def test_staff_sets_up_a_second_factor(client, django_capture_on_commit_callbacks):
    user = UserFactory(role=SECRETARIAT)
    client.force_login(user)
    # Issue 15.1: the first device needs the password again and the mailed code.
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/tweestapsverificatie/eerste/", {"password": PASSWORD})
    code = re.search(r"^(\d{8})$", deliver_outbox()[0].body, re.MULTILINE).group(1)
    client.post("/account/tweestapsverificatie/eerste/", {"code": code})
    page = client.get("/account/tweestapsverificatie/nieuw/")
    assert page.status_code == 200
    assert "data:image/svg+xml;base64," in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    response = client.post("/account/tweestapsverificatie/nieuw/", {"token": "000000"})
    assert "Deze code klopt niet" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    # django-otp throttles after a wrong code; the next try is refused with a message.
    response = client.post("/account/tweestapsverificatie/nieuw/", {"token": "000000"})
    assert "Te veel verkeerde codes" in response.content.decode()
    device.throttle_reset()

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    response = client.post("/account/tweestapsverificatie/nieuw/", {"token": f"{totp.token():06d}"})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    # Verified in this session: the admin opens.
    assert client.get("/admin/").status_code == 200


def test_staff_without_second_factor_cannot_use_the_admin(client):
    user = UserFactory(role=SECRETARIAT)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")


def test_admin_login_asks_for_the_code(client):
    user = UserFactory(role=SECRETARIAT, email="sec@example.org")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    login = client.get("/admin/login/")
    assert 'name="otp_token"' in login.content.decode()
    response = client.post(
        "/admin/login/",
        {"username": "sec@example.org", "password": PASSWORD, "otp_device": device.persistent_id},
    )
    assert response.status_code == 200  # refused: no code
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": "sec@example.org",
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": f"{totp.token():06d}",
            "next": "/admin/",
        },
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_local_demo_switches_the_second_factor_off(client, settings):
    settings.ASDG_ADMIN_REQUIRE_OTP = False
    client.force_login(UserFactory(role=SECRETARIAT))
    assert client.get("/admin/").status_code == 200
