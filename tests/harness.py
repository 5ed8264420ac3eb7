"""Helpers every app's tests reuse (see tests/README.md)."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def database_url_of(database: dict) -> str:
    """The DATABASE_URL of a connection's settings, for a server a test starts itself."""
    options = database.get("OPTIONS") or {}
    return (
        f"postgres://{database['USER']}@/{database['NAME']}"
        f"?host={database.get('HOST') or options.get('host')}"
        f"&port={database.get('PORT') or options.get('port') or 5432}"
    )


def isolated_values(media_root) -> dict:
    """The settings every test runs with (tests/conftest.py's `_isolated`): its own
    MEDIA_ROOT, a fast password hasher, static files from the source folders, mail queued
    in the outbox and delivered to `mail.outbox` (deliver_outbox)."""
    return {
        "MEDIA_ROOT": media_root,
        # Hashing is not what these tests prove; PBKDF2's rounds would make them slow.
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        # (Production's hashed, compressed static files are proven by test_collectstatic.)
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        # Mail goes into the outbox as in production (pytest-django would send it at once);
        # the worker delivers it to mail.outbox: deliver_outbox().
        "EMAIL_BACKEND": "post_office.EmailBackend",
        "POST_OFFICE": {
            **settings.POST_OFFICE,
            "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
        },
    }


def isolated_settings(media_root) -> override_settings:
    """The same for data a module-scoped fixture makes before any test runs (the fuzz
    suite's demo world, the URL matrix's role users and sample objects)."""
    return override_settings(**isolated_values(media_root))


def deliver_outbox() -> list:
    """Run the mail worker once, as it runs after a commit in production; returns mail.outbox.

    Every mail is queued in the outbox (issue 15); the tests deliver it through locmem
    (tests/conftest.py), so `mail.outbox` holds what the worker has sent.
    """
    from members.services.outbox import outbox_deliver

    outbox_deliver()
    return mail.outbox


def said(msgid: str, **params) -> str:
    """A message as the site says it (in Dutch, its default language): what a test expects
    of a refusal whose rule id the member no longer reads (issue 16.5). Until the Dutch
    catalogue holds the msgid, that is the English msgid, as on the site."""
    with translation.override("nl"):
        text = translation.gettext(msgid)
    return text % params if params else text


def login_verified(client, user):
    """Log a user in as after password plus second factor (what /admin/ requires)."""
    client.force_login(user)
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, defaults={"name": "test", "confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def assert_accessible(page) -> None:
    """Run axe-core on the page with the WCAG 2.1 A and AA rules; fail on any violation."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.violations_count == 0, (
        f"axe-core found {results.violations_count} WCAG 2.1 AA violation(s) on {page.url}:\n"
        + results.generate_report()
    )


def assert_queries_flat(view: Callable, grow: Callable[[int], object], *, factor: int = 10):
    """Assert a page makes as many queries with `factor`× data as with 1× data.

    `view()` requests the page and returns the response; `grow(n)` adds n units of data
    (called with 1, then with factor - 1, so the second measurement sees factor× data).
    """
    grow(1)
    view()  # warm caches, sessions and content types so both measurements compare alike
    with CaptureQueriesContext(connection) as small:
        response = view()
    assert response.status_code == 200, response.status_code
    grow(factor - 1)
    with CaptureQueriesContext(connection) as large:
        response = view()
    assert response.status_code == 200, response.status_code
    assert len(large) == len(small), (
        f"queries grew with the data: {len(small)} with 1× data, {len(large)} with {factor}×.\n"
        + "\n".join(query["sql"] for query in large.captured_queries[len(small) :])
    )


def reference_data_reload() -> None:
    """Load again the reference data our migrations ship (postcode areas, themes, role
    groups, the organisation, the 2021 budget).

    A transactional test ends with a flush that empties those tables too, so a later
    transactional test that needs them (seed_demo) calls this first. It replays the data
    migrations of our apps, each idempotent (get_or_create), with today's models. A data
    migration that turns data over once (free text into register records, say) says so
    with RunPython(..., hints={"reference_data": False}) and is left out.
    """
    ours = {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == settings.BASE_DIR.resolve()
    }
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    for app_label, name in sorted(loader.disk_migrations):
        if app_label not in ours:
            continue
        for operation in loader.disk_migrations[app_label, name].operations:
            if isinstance(operation, RunPython) and operation.hints.get("reference_data", True):
                operation.code(apps, None)


@contextlib.contextmanager
def gunicorn_on_socket(env: dict, sock: Path, log: Path):
    """gunicorn as deployed (deploy/gunicorn.conf.py) with `env`, bound to the unix socket
    `sock` (env's GUNICORN_BIND), its output in `log`; stopped, with its workers, at the end.
    Production's static files first: hashed names from a manifest (else a page is a 500)."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR, env=env, check=True, timeout=300,
    )  # fmt: skip
    with open(log, "w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while not sock.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start: {log.read_text()[-3000:]}")
            time.sleep(0.1)
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def _superuser() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        return bool(cursor.fetchone()[0])


def demo_dump(path: Path) -> bool:
    """Every row of the test database as a data-only dump at `path` (tests/conftest.py's
    demo_committed); False, and no file, where loading it back could not switch the
    triggers off (no superuser)."""
    if not _superuser():
        return False
    subprocess.run(
        ["pg_dump", "--data-only", "--no-owner", "--exclude-table=django_migrations",
         "--file", str(path), database_url_of(settings.DATABASES["default"])],
        check=True, timeout=120,
    )  # fmt: skip
    return True


def demo_restore(path: Path) -> None:
    """The rows of demo_dump's file back: every table emptied, then the dump loaded with
    triggers and foreign-key checks off (session_replication_role = replica), sequences
    set as they were."""
    from django.core.management import call_command

    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    subprocess.run(
        ["psql", "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "--file", str(path),
         database_url_of(settings.DATABASES["default"])],
        check=True, timeout=120, stdout=subprocess.DEVNULL,
        env={**os.environ, "PGOPTIONS": "-c session_replication_role=replica"},
    )  # fmt: skip
