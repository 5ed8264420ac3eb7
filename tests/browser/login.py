"""Logging a browser in: by cookie, except where logging in is what a test proves.

A session is made for the user with Django's test client (force_login, and for staff
the second factor's verified state as tests.harness.login_verified sets it) and its
cookie is put into the Playwright context. That is one page load instead of the form's
three (and the verify page's two more). The login form itself is proven by
tests/browser/test_accessibility.py (log_in_by_form) and tests/members/test_accounts.py.
"""

from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import User
from tests.members.factories import PASSWORD

# pytest-django's live_server listens on localhost; cookies do not depend on the port.
LIVE_SERVER_HOST = "localhost"


def _with_session(page, user, *, verified: bool) -> None:
    client = Client()
    client.force_login(user)
    if verified:
        # As after the authenticator's code (members/second_factor.py): the session names
        # the device that was verified.
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, defaults={"name": "Telefoon", "confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "domain": LIVE_SERVER_HOST,
                "path": settings.SESSION_COOKIE_PATH,
                "httpOnly": settings.SESSION_COOKIE_HTTPONLY,
                "secure": settings.SESSION_COOKIE_SECURE,
                "sameSite": settings.SESSION_COOKIE_SAMESITE or "Lax",
            }
        ]
    )


def log_in(page, email):
    """Logged in with the password (no second factor); ends on the portal's home."""
    _with_session(page, User.objects.get(email=email), verified=False)
    page.goto("/portaal/")


def log_in_verified(page, email):
    """Logged in with the password and the authenticator's code, as staff must for pages
    with special-category data and decisions (issue 15.3); ends on the portal's home."""
    _with_session(page, User.objects.get(email=email), verified=True)
    page.goto("/portaal/")


def log_in_by_form(page, email):
    """Through the login form, for the tests of logging in itself."""
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def log_in_to_admin(page, email):
    """Staff with the second factor verified (what /admin/ requires), on the admin's index."""
    _with_session(page, User.objects.get(email=email), verified=True)
    page.goto("/admin/")
