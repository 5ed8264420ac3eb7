"""Every command the README gives works as written (issue 22.5).

The commands are read from README.md itself: the lines of its ``sh`` and ``cron`` blocks
and the inline code that starts with ``make``, ``manage.py`` or ``python3 -m asdg.devdb``.
Each runs from the project folder against a migrated test database of its own
(DATABASE_URL points the subprocess at it; mail only goes into that database's outbox,
and commands with a dry run run dry). The few that run for minutes, serve until
stopped, or would take the ground from under this test are listed in EXCEPTIONS with
the reason; for those only the make target or the management command must exist. A
README change that breaks a command, or adds one this test cannot run, fails here.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.core.management import get_commands
from django.db import connection, connections

from tests.harness import maintenance_connection, readme_template_name

PROJECT = Path(__file__).resolve().parents[2]
README = PROJECT / "README.md"
PREFIXES = ("make ", "python manage.py ", "manage.py ", "python3 -m asdg.devdb ")

# Command (its first two words, or the whole command, without environment assignments)
# -> why it is not run here.
EXCEPTIONS = {
    "make run": "serves the site until stopped (the fresh-clone check times it)",
    "make test": "is the suite this test is part of",
    "make test-fast": "is most of the suite this test is part of",
    "make bench": "runs for minutes, on its own database",
    "make loadtest": "runs 60 s of simulated visitors",
    "make stop": "would stop the database this test runs on",
    "make clean": "would remove the .venv this test runs in",
    "manage.py runserver": "serves until stopped",
    "manage.py mail_worker": "without --once it runs until stopped (--once is run)",
    "manage.py createsuperuser": "asks for an address and a password",
    "manage.py restore backups/asdg-<time>.dump --confirm asdg_drill": (
        "the restore drill's example on a spare database (`make restore` runs the same)"
    ),
}
WHOLE = {"manage.py mail_worker", "manage.py restore backups/asdg-<time>.dump --confirm asdg_drill"}
# Mail-sending commands and how to run them dry.
DRY_RUN = {"participation_reminder": ("--send", "")}


def readme_commands(text: str) -> list[str]:
    """The README's commands, in order, each once."""
    found = []
    for language, body in re.findall(r"```(\w*)\n(.*?)```", text, flags=re.S):
        for line in body.splitlines():
            if language == "cron" and line.strip():
                command = " ".join(line.split()[5:])
                command = re.sub(r"^cd \S+ && (\.venv/bin/)?python ", "", command)
                found.append(command)
            elif language == "sh":
                command = line.split("#", 1)[0].strip()
                if command:
                    found.append(command)
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    for span in re.findall(r"`([^`]+)`", prose):
        command = " ".join(span.split())
        bare = _without_assignments(command)
        if bare.startswith(PREFIXES) or bare in ("make " + t for t in ("run", "test")):
            found.append(command)
    unique = []
    for command in found:
        command = command.removeprefix("python ")
        if command not in unique:
            unique.append(command)
    return unique


def _without_assignments(command: str) -> str:
    return re.sub(r"^(\w+=\S+\s+)+", "", command).removeprefix("python ")


def _key(command: str) -> str:
    bare = _without_assignments(command)
    if bare in WHOLE:
        return bare
    key = " ".join(bare.split()[:2])
    return "" if key in WHOLE else key


def test_the_readme_has_the_set_up_and_backup_commands():
    commands = readme_commands(README.read_text(encoding="utf-8"))
    assert commands[:2] == ["make run", "make test"]
    backup = commands.index("make backup")
    assert commands[backup + 1] == "make restore FILE=backups/asdg-<time>.dump CONFIRM=asdg"
    assert "manage.py membership_daily" in commands


def _database_url(db: dict, name: str) -> str:
    options = db.get("OPTIONS") or {}
    user = quote(db.get("USER") or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    if db.get("HOST"):
        port = f":{db['PORT']}" if db.get("PORT") else ""
        return f"postgres://{user}{password}@{db['HOST']}{port}/{name}"
    query = "&".join(f"{key}={options[key]}" for key in ("host", "port") if options.get(key))
    return f"postgres://{user}{password}@/{name}?{query}"


@pytest.fixture
def readme_database(tmp_path, django_db_setup):
    """A migrated database of its own, dropped afterwards: the commands (a restore among
    them) never touch the test database's rows that other tests rely on."""
    db = settings.DATABASES["default"]
    name = f"test_{db['NAME']}_readme"

    # A copy (a second) of the migrated test database kept untouched for this test at the
    # start of the run (tests/conftest.py's django_db_setup: readme_template_make), else
    # of this worker's test database where no other session holds it open; else a new
    # database, migrated by the command (10 to 20 seconds).
    connections.close_all()
    copied = False
    with maintenance_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for source in (readme_template_name(), connection.settings_dict["NAME"]):
            if copied or not source.startswith("test_"):
                continue
            with contextlib.suppress(psycopg.errors.ObjectInUse, psycopg.errors.InvalidCatalogName):
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
                copied = True
        if not copied:
            conn.execute(f'CREATE DATABASE "{name}"')
    env = _environment(tmp_path, _database_url(db, name))
    if not copied:
        migrated = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        assert migrated.returncode == 0, migrated.stderr
    yield name, env
    with maintenance_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _environment(tmp_path: Path, database_url: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "EMAIL_URL": "consolemail://",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    # Production's values, as the README's commands expect (pytest-env eases two for the
    # test client).
    for variable in ("MAKEFLAGS", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECURE_SSL_REDIRECT"):
        env.pop(variable, None)
    return env


def _run(command: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    assignments = re.match(r"^((?:\w+=\S+\s+)*)", command).group(1).split()
    env = {**env, **dict(item.split("=", 1) for item in assignments)}
    words = shlex.split(_without_assignments(command))
    if words[0] == "manage.py":
        words = [sys.executable, *words]
    elif words[:2] == ["python3", "-m"]:
        words = [sys.executable, *words[1:]]
    return subprocess.run(
        words, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.slow
def test_every_readme_command_runs(readme_database):
    name, env = readme_database
    commands = readme_commands(README.read_text(encoding="utf-8"))
    backups = PROJECT / "backups"
    before = set(backups.glob("asdg-*")) if backups.is_dir() else set()
    ran, failed, pending = [], [], []

    def run_pending():
        for command, (status, output) in zip(pending, _run_many(pending, env), strict=True):
            ran.append(command)
            if status != 0:
                failed.append((command, output[-1500:]))
        pending.clear()

    try:
        for command in commands:
            key = _key(command)
            if key in EXCEPTIONS:
                target = _key(command).split()
                if target[0] != "make":  # (what `manage.py help <command>` looks up)
                    if target[1] not in get_commands():
                        failed.append((command, "does not exist: no such management command"))
                    continue
                check = ["make", "-n", "--no-print-directory", target[1]]
                result = subprocess.run(check, cwd=PROJECT, env=env, capture_output=True,
                                        text=True, timeout=120, check=False)  # fmt: skip
                if result.returncode != 0:
                    failed.append((command, "does not exist: " + result.stderr[-500:]))
                continue
            if key == "manage.py compilemessages" and not _has("msgfmt"):
                continue  # deployment step 1 installs gettext; make itself uses polib
            for subcommand, (flag, dry) in DRY_RUN.items():
                if subcommand in command:
                    command = command.replace(flag, dry).strip()
            if command.startswith("manage.py "):
                pending.append(command)  # run with the next ones in one process
                continue
            run_pending()
            if "<time>" in command:
                made = sorted(set(backups.glob("asdg-*.dump")) - before)
                assert made, "make backup wrote no backups/asdg-<time>.dump before restore"
                stamp = made[-1].name.removeprefix("asdg-").removesuffix(".dump")
                command = command.replace("<time>", stamp)
            command = command.replace("CONFIRM=asdg", f"CONFIRM={name}")
            command = command.replace("CONFIRM=<database name>", f"CONFIRM={name}")
            assert "<" not in command and "…" not in command, (
                f"README command with a placeholder this test cannot fill: {command}"
            )
            result = _run(command, env)
            ran.append(command)
            if result.returncode != 0:
                failed.append((command, (result.stdout + result.stderr)[-1500:]))
        run_pending()
    finally:
        for path in set(backups.glob("asdg-*")) - before if backups.is_dir() else ():
            path.unlink()
    assert not failed, "\n\n".join(f"$ {command}\n{output}" for command, output in failed)
    assert any(c.startswith("make restore FILE=backups/asdg-") for c in ran), ran
    assert "make backup" in ran


def _run_many(commands: list[str], env: dict[str, str]) -> list[tuple[int, str]]:
    """Consecutive `manage.py` commands in one process (tests/asdg/manage_many.py), each
    as manage.py runs it: starting Python and Django once instead of once per command."""
    for command in commands:
        assert "<" not in command and "…" not in command, (
            f"README command with a placeholder this test cannot fill: {command}"
        )
    words = [shlex.split(command)[1:] for command in commands]
    result = subprocess.run(
        [sys.executable, "-m", "tests.asdg.manage_many", json.dumps(words)],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    if result.returncode != 0 or not result.stdout.strip():
        return [(1, result.stdout + result.stderr)] * len(commands)
    return [tuple(answer) for answer in json.loads(result.stdout.splitlines()[-1])]


def _has(program: str) -> bool:
    from shutil import which

    return which(program) is not None
