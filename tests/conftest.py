from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import post_migrate
from django.test import Client, TransactionTestCase
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from filelock import FileLock

from members.roles import MEMBER, SECRETARIAT, STEERING_GROUP
from tests.harness import (
    demo_load,
    isolated_settings,
    isolated_values,
    login_verified,
    readme_template_drop,
    readme_template_make,
    reference_data_reload,
    rows_load,
    rows_save,
)
from tests.members.factories import UserFactory

TESTS = Path(__file__).resolve().parent
# Folders whose every test carries a marker: `-m "not browser and not fuzz and not slow"`
# (make test-fast).
FOLDER_MARKERS = {"browser": "browser", "fuzz": "fuzz"}
# Module-scoped fixtures costly enough to make once per run, not once per worker: under
# pytest-xdist (--dist loadgroup) the tests of a module that uses one stay on one worker.
# (The demo world: seed_demo, in the fuzz suite with a crawl of the whole site.) A module
# may also say so itself: `pytestmark = pytest.mark.xdist_group("<name>")`.
ONE_WORKER_FIXTURES = {"demo_world"}
# Fixtures that make a test `slow` (left out by make test-fast; make test runs it). A test
# that seeds the demo itself, or starts a server or a command in a subprocess, carries
# @pytest.mark.slow.
SLOW_FIXTURES = {"demo_world"}

# Chromium's headless shell (Debian package chromium-headless-shell), what Playwright itself
# uses for headless tests: the same Blink without the whole browser around it.
CHROMIUM = "/usr/lib/chromium/chromium-headless-shell"
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


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """The folder markers (before -m deselects by them) and the one-worker groups."""
    for item in items:
        folder = item.path.relative_to(TESTS).parts[0]
        if folder in FOLDER_MARKERS:
            item.add_marker(FOLDER_MARKERS[folder])
        fixtures = set(getattr(item, "fixturenames", ()))
        if ONE_WORKER_FIXTURES & fixtures:
            item.add_marker(pytest.mark.xdist_group(item.path.relative_to(TESTS).as_posix()))
        if SLOW_FIXTURES & fixtures:
            item.add_marker(pytest.mark.slow)
    result = yield
    if getattr(config.option, "loadgroup", False):  # an xdist worker under --dist loadgroup
        _group_by_nodeid(items)
    return result


def _group_by_nodeid(items):
    """pytest-xdist's loadgroup sends the tests whose node id ends in `@<group>` to one
    worker. Its worker appends that suffix by assigning `item._nodeid`, which pytest 9.2 no
    longer reads (the node id is `item._id`), so a module's tests were spread over both
    workers and each seeded the demo, or started gunicorn, once more. Until pytest-xdist
    follows, the suffix is set here, where it is missing."""
    for item in items:
        names = sorted({str(mark.args[0]) for mark in item.iter_markers("xdist_group")})
        suffix = f"@{'_'.join(names)}"
        if names and not item.nodeid.endswith(suffix) and hasattr(item, "_id"):
            item._id = type(item._id).parse(item.nodeid + suffix)


def _reference_data_back(sender, using="default", **kwargs):
    """After a transactional test's flush, the rows our data migrations ship are back.

    Django's flush (the end of every transactional test: browser tests, live_server,
    transaction=True) empties every table and then sends post_migrate; this receiver,
    connected after asdg's role sync (the last app), replays our data migrations
    (tests.harness.reference_data_reload, idempotent). So the database a test run leaves
    behind still holds the postcode areas, themes, role groups, organisation and 2021
    budget, and `--reuse-db` finds them on the next run; so does every later test of the run.
    """
    reference_data_reload()


post_migrate.connect(
    _reference_data_back, sender=apps.get_app_config("asdg"), dispatch_uid="tests-reference-data"
)


README_TEST = "test_readme_commands.py"


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The test database, created or reused (--reuse-db), emptied as a transactional test
    leaves it (an interrupted run may have left rows behind) with the reference data back;
    those rows kept for the quick flush after each transactional test (_fixture_teardown);
    and, where this worker runs the README-commands test, a copy of the database made now,
    while no test holds it open (readme_template_make)."""
    if connection.settings_dict["NAME"] != connection.creation._get_test_db_name():
        # No selected test asked for the database (pytest-django set none up): this is
        # the configured database, never to be emptied.
        yield
        return
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)  # then post_migrate: the rows back
        clean = tmp_path_factory.mktemp("clean-database") / "rows"
        rows_save(clean)
        CLEAN_ROWS["path"] = clean
        readme = any(item.path.name == README_TEST for item in request.session.items)
        template = readme and readme_template_make()
    yield
    CLEAN_ROWS.clear()
    if template:
        readme_template_drop()


# Issue 20.3: the end of a transactional test (browser tests, live_server, transaction=True).
# Django flushes: it empties every table and sends post_migrate, whose receivers make the
# content types, the permissions, the role groups and the reference data again: about
# 0.4 s a test, nine tenths of it those receivers. The same rows, saved once when the run's
# database is set up (django_db_setup), are loaded back instead: every table emptied and
# those rows copied in (tests.harness.rows_load), about 0.1 s. Django's own flush stays
# where the quick one cannot be used (a test with available_apps or serialized_rollback,
# another database, no superuser to switch the triggers off for the load).
CLEAN_ROWS: dict[str, Path] = {}
_django_fixture_teardown = TransactionTestCase._fixture_teardown


def _fixture_teardown(self):
    clean = CLEAN_ROWS.get("path")
    if (
        clean is None
        or self.available_apps is not None
        or self.serialized_rollback
        or list(self._databases_names(include_mirrors=False)) != ["default"]
        or not rows_load(clean)
    ):
        _django_fixture_teardown(self)


TransactionTestCase._fixture_teardown = _fixture_teardown


def fresh_caches():
    """Every cache empty (the shared one and each process's "local" copy), and Dutch, as
    the site is at its own addresses: a request under /en/ in an earlier test leaves
    English active in this thread (LocaleMiddleware activates, never deactivates)."""
    for alias in caches:
        caches[alias].clear()
    translation.deactivate()


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Every test: an empty cache, its own MEDIA_ROOT, static files from the source
    folders, mail through the outbox (tests.harness.isolated_values)."""
    fresh_caches()
    for name, value in isolated_values(tmp_path / "media").items():
        setattr(settings, name, value)
    yield
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
        pytest.fail(f"Browser tests need {CHROMIUM}: apt-get install chromium-headless-shell")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def browser_context_args(browser_context_args, live_server):
    return {**browser_context_args, "base_url": live_server.url, "locale": "nl-NL"}


# --- The demo: seeded once per test run, loaded wherever a test needs it. ---


@pytest.fixture(scope="session")
def demo_snapshot(tmp_path_factory, worker_id, django_db_setup, django_db_blocker):
    """seed_demo's world, made once per test run for every pytest-xdist worker: its rows
    (tests.harness.rows_save) and its files, in the folder the workers share.

    The first worker that needs it seeds the demo (about 15 CPU seconds and 13,000
    queries) in a transaction that is rolled back, under a file lock; the others wait for
    it and then find the folder made. Loading it (demo_load) takes about a second."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # pytest-xdist's documented place for what workers share
    folder = shared / "demo-snapshot"
    with FileLock(shared / "demo-snapshot.lock"):
        if not (folder / "rows").exists():
            folder.mkdir(exist_ok=True)
            with isolated_settings(folder / "media"), django_db_blocker.unblock():
                assert not connection.in_atomic_block, "the demo is seeded outside any test"
                with transaction.atomic():
                    reference_data_reload()
                    call_command("seed_demo", force=True, stdout=StringIO())
                    rows_save(folder / "rows.part")
                    transaction.set_rollback(True)
            (folder / "media").mkdir(exist_ok=True)
            (folder / "rows.part").rename(folder / "rows")
    return folder


@pytest.fixture
def demo(db, settings, demo_snapshot):
    """seed_demo's world for one test, rolled back after it like the test's own rows."""
    demo_load(demo_snapshot, settings.MEDIA_ROOT)


@pytest.fixture
def demo_committed(transactional_db, settings, demo_snapshot):
    """seed_demo's world, committed (the test's live_server, pg_dump or a subprocess sees
    it) and flushed after the test like every transactional test's rows."""
    demo_load(demo_snapshot, settings.MEDIA_ROOT)
