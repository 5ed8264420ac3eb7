import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.roles import MEMBER, SECRETARIAT, STEERING_GROUP
from tests.harness import login_verified
from tests.members.factories import UserFactory

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Every test: empty caches, its own MEDIA_ROOT, static files from the source folders.

    (Production's hashed, compressed static files are proven by test_collectstatic.)
    """
    _clear_caches()
    # Dutch, as the site is at its own addresses: a request under /en/ in an earlier test
    # leaves English active in this thread (LocaleMiddleware activates, never deactivates).
    translation.deactivate()
    settings.MEDIA_ROOT = tmp_path / "media"
    # Hashing is not what these tests prove; PBKDF2's rounds would make them slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Mail goes into the outbox as in production (pytest-django would send it at once);
    # the worker delivers it to mail.outbox: tests.harness.deliver_outbox().
    settings.EMAIL_BACKEND = "post_office.EmailBackend"
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    }
    yield
    _clear_caches()


def _clear_caches():
    for alias in caches:
        caches[alias].clear()


def _role_client(role):
    # A client of its own, so that one test can use several roles and `client` side by side.
    client = Client()
    user = UserFactory(role=role)
    login_verified(client, user)
    client.user = user
    return client


@pytest.fixture
def member_client(db):
    """A test client logged in as a member (Lid)."""
    return _role_client(MEMBER)


@pytest.fixture
def steering_client(db):
    """A test client logged in as a steering-group member, second factor passed."""
    return _role_client(STEERING_GROUP)


@pytest.fixture
def secretariat_client(db):
    """A test client logged in as the secretariat (staff), second factor passed."""
    return _role_client(SECRETARIAT)


def _password_only_client(role):
    # Issue 15.3: staff with a device who logged in with the password only.
    client = Client()
    user = UserFactory(role=role)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def steering_password_client(db):
    """A steering-group member's session with the password only (no second factor)."""
    return _password_only_client(STEERING_GROUP)


@pytest.fixture
def secretariat_password_client(db):
    """A secretariat session with the password only (no second factor)."""
    return _password_only_client(SECRETARIAT)


ROLE_CLIENTS = {
    "anonymous": "client",
    MEMBER: "member_client",
    STEERING_GROUP: "steering_client",
    SECRETARIAT: "secretariat_client",
    f"{STEERING_GROUP} (password only)": "steering_password_client",
    f"{SECRETARIAT} (password only)": "secretariat_password_client",
}


# --- Browser tests: pytest-playwright on the system's Chromium against live_server. ---


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    import os

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM}: apt-get install chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def browser_context_args(browser_context_args, live_server):
    return {**browser_context_args, "base_url": live_server.url, "locale": "nl-NL"}
