"""Helpers every app's tests reuse (see tests/README.md)."""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.management import call_command
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


def maintenance_connection():
    """A psycopg connection in autocommit to the cluster's "postgres" database, as the
    test database's settings reach it: for CREATE and DROP DATABASE."""
    import psycopg

    db = settings.DATABASES["default"]
    options = db.get("OPTIONS") or {}
    return psycopg.connect(
        dbname="postgres", user=db.get("USER") or None, password=db.get("PASSWORD") or None,
        host=db.get("HOST") or options.get("host"), port=db.get("PORT") or options.get("port"),
        autocommit=True,
    )  # fmt: skip


def readme_template_name() -> str:
    """The untouched copy of the migrated test database that the README-commands test
    copies (tests/conftest.py's django_db_setup makes it and drops it at the end)."""
    return f"{connection.settings_dict['NAME']}_template"  # (the test database's name)


def readme_template_drop() -> None:
    with maintenance_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{readme_template_name()}"')


def readme_template_make() -> bool:
    """Copy the test database, just migrated and not yet used by any test, for the
    README-commands test: later in the run a browser test's live server may hold the test
    database open, and PostgreSQL copies only a database nobody is connected to. False
    where the copy cannot be made (another session holds it): the test then migrates a
    new database itself."""
    import psycopg
    from django.db import connections

    name = connection.settings_dict["NAME"]  # pytest-django's test database
    if not name.startswith("test_"):
        return False
    connections.close_all()
    with maintenance_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{readme_template_name()}"')
        try:
            conn.execute(f'CREATE DATABASE "{readme_template_name()}" TEMPLATE "{name}"')
        except psycopg.errors.ObjectInUse:
            return False
    return True


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
    """Run axe-core on the page with the WCAG 2.1 A and AA rules; fail on any violation.

    Only the violations are worked out node by node (`resultTypes`): the rules that pass,
    or do not apply, are named with one example each, not every node they looked at, which
    on an admin page is most of the time axe takes and a large answer to carry back."""
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
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


def _tables() -> list[str]:
    # Every table but the migration history (the same on every test database of a run).
    return [
        name
        for name in connection.introspection.table_names(include_views=False)
        if name != "django_migrations"
    ]


def rows_save(path: Path) -> None:
    """Every row of the test database, as this connection sees it (uncommitted rows too:
    a seed inside a transaction that is rolled back afterwards), into `path`: one COPY
    block per table and the sequences' values (tests/conftest.py's demo_snapshot)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor, path.open("wb") as out:
        for table in _tables():
            out.write(f"COPY {quote(table)} FROM STDIN;\n".encode())
            with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                for data in copy:
                    out.write(bytes(data))
            out.write(b"\\.\n")
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences"
            " WHERE schemaname = current_schema() AND last_value IS NOT NULL"
        )
        # Never lower: a sequence is not rolled back with the transaction that loads the
        # rows, and the database may keep committed rows with higher ids than the seed's.
        for name, value in cursor.fetchall():
            highest = f"GREATEST({int(value)}, (SELECT last_value FROM {quote(name)}))"
            out.write(f"SELECT setval({quote(name)!r}, {highest}, true);\n".encode())


def rows_load(path: Path) -> bool:
    """The rows of rows_save's file back in this connection's transaction: those tables
    emptied, then loaded with triggers and foreign-key checks off (session_replication_role
    = replica, for the load only: the audit rows are in the file), sequences set as they
    were. False, and nothing changed, where the triggers cannot be switched off (no
    superuser): the caller seeds instead."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    if not _superuser():
        return False
    blocks, setvals = [], []
    lines = iter(path.read_bytes().splitlines(keepends=True))
    for line in lines:
        if line.startswith(b"COPY "):
            data = []
            for row in lines:
                if row == b"\\.\n":
                    break
                data.append(row)
            blocks.append((line.decode().rstrip().rstrip(";"), b"".join(data)))
        elif line.startswith(b"SELECT setval("):
            setvals.append(line.decode())
    with transaction.atomic(), connection.cursor() as cursor:
        # (An error rolls the savepoint back, and with it this SET LOCAL.)
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(f"TRUNCATE {', '.join(statement.split()[1] for statement, _ in blocks)}")
        for statement, data in blocks:
            if data:
                with cursor.cursor.copy(statement) as copy:
                    copy.write(data)
        if setvals:
            cursor.execute("".join(setvals))
        cursor.execute("SET LOCAL session_replication_role = origin")
    ContentType.objects.clear_cache()
    return True


def demo_load(snapshot: Path, media_root) -> None:
    """seed_demo's world in this connection's transaction and its files in `media_root`:
    from the run's snapshot, or seeded here where the snapshot cannot be loaded (a
    DATABASE_URL without a superuser)."""
    if rows_load(snapshot / "rows"):
        shutil.copytree(snapshot / "media", media_root, dirs_exist_ok=True)
    else:
        reference_data_reload()
        call_command("seed_demo", force=True, stdout=StringIO())
