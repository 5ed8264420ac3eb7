"""Backups: pg_dump of the database and a tar of the uploads, restored into a fresh
database where every row of every table is found again."""

import datetime
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from asdg import backup

OUR_APPS = ["organisation", "members", "advices", "projectgroups", "steering", "finance", "public"]


def connect(settings_dict, name):
    options = settings_dict.get("OPTIONS") or {}
    return psycopg.connect(
        dbname=name,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        host=settings_dict.get("HOST") or options.get("host"),
        port=settings_dict.get("PORT") or options.get("port"),
        autocommit=True,
    )


@pytest.fixture
def fresh_database():
    """An empty database next to the test database, dropped afterwards."""
    settings_dict = dict(connection.settings_dict)
    name = f"{settings_dict['NAME']}_restore"
    with connect(settings_dict, "postgres") as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield {**settings_dict, "NAME": name}
    with connect(settings_dict, "postgres") as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def our_tables() -> list[str]:
    tables = set()
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            tables.add(model._meta.db_table)
    return sorted(tables)


def snapshot(conn, tables) -> dict[str, tuple[int, str]]:
    """Per table: its row count and a checksum of all its rows (in any order)."""
    found = {}
    for table in tables:
        count, checksum = conn.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
            f'FROM "{table}" t'
        ).fetchone()
        found[table] = (count, checksum)
    return found


def all_tables(conn) -> list[str]:
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
    ).fetchall()
    return sorted(row[0] for row in rows)


def sequences(conn) -> dict[str, int | None]:
    rows = conn.execute(
        "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
    ).fetchall()
    return dict(rows)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_backup_restored_into_a_fresh_database_finds_every_row(
    demo_committed, settings, tmp_path, fresh_database
):
    # Rows in our apps: the demo data (members, applications, advices, ...; demo_committed),
    # committed so that pg_dump, another connection, sees them.
    upload = Path(settings.MEDIA_ROOT) / "advices" / "bijlage.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.4 an attachment")

    made = backup.backup(
        folder=tmp_path / "backups",
        database=connection.settings_dict,
        media_root=Path(settings.MEDIA_ROOT),
    )
    assert made.dump.name.startswith("asdg-") and made.dump.suffix == ".dump"
    assert made.dump.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    upload.unlink()

    backup.restore(dump=made.dump, database=fresh_database, media_root=Path(settings.MEDIA_ROOT))
    assert upload.read_bytes() == b"%PDF-1.4 an attachment"

    with (
        connect(connection.settings_dict, connection.settings_dict["NAME"]) as original,
        connect(fresh_database, fresh_database["NAME"]) as restored,
    ):
        tables = all_tables(original)
        assert all_tables(restored) == tables
        assert set(our_tables()) <= set(tables)
        before, after = snapshot(original, tables), snapshot(restored, tables)
        assert after == before
        assert sequences(restored) == sequences(original)
        ours = {table: before[table][0] for table in our_tables()}
        filled = [table for table, count in ours.items() if count]
        assert sum(ours.values()) > 100 and len(filled) >= 10, ours

        # Restoring again over the restored database (--clean --if-exists) changes nothing.
        backup.restore(dump=made.dump, database=fresh_database)
        assert snapshot(restored, tables) == before


def test_restore_refuses_without_the_database_name(tmp_path):
    dump = tmp_path / "asdg-20260101T023000Z.dump"
    dump.write_bytes(b"PGDMP")
    with pytest.raises(CommandError, match="--confirm"):
        call_command("restore", str(dump))
    with pytest.raises(CommandError, match="--confirm"):
        call_command("restore", str(dump), "--confirm", "some-other-database")


def test_restore_of_a_missing_file_says_so(tmp_path, settings):
    name = settings.DATABASES["default"]["NAME"]
    with pytest.raises(CommandError, match="No such backup"):
        call_command("restore", str(tmp_path / "nope.dump"), "--confirm", name)


@pytest.mark.django_db
def test_backup_command_writes_the_dump_and_the_uploads(tmp_path, settings):
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / "x.txt").write_text("x")
    out = StringIO()
    call_command("backup", "--folder", str(tmp_path), stdout=out)
    (dump,) = tmp_path.glob("asdg-*.dump")
    (media,) = tmp_path.glob("asdg-*-media.tar.gz")
    assert backup.media_archive_for(dump) == media
    assert str(dump) in out.getvalue()
    assert not list(tmp_path.glob("*.partial"))
    # Backups hold personal data: readable by their owner only.
    assert dump.stat().st_mode & 0o077 == 0 and media.stat().st_mode & 0o077 == 0


def test_database_settings_reach_pg_dump_through_the_environment():
    env = backup.pg_environment(
        {"NAME": "asdg", "USER": "asdg", "PASSWORD": "s3cret", "HOST": "/tmp/sock", "PORT": "5432",
         "OPTIONS": {"sslmode": "require"}}
    )  # fmt: skip
    assert (env["PGDATABASE"], env["PGUSER"], env["PGPASSWORD"]) == ("asdg", "asdg", "s3cret")
    assert (env["PGHOST"], env["PGPORT"], env["PGSSLMODE"]) == ("/tmp/sock", "5432", "require")
    # asdg.devdb's URL: the socket folder in the query (OPTIONS), no HOST.
    env = backup.pg_environment(
        {"NAME": "asdg", "USER": "postgres", "HOST": "", "PORT": "",
         "OPTIONS": {"host": "/tmp/asdg-pg-x", "port": 5432}}
    )  # fmt: skip
    assert (env["PGHOST"], env["PGPORT"]) == ("/tmp/asdg-pg-x", "5432")


def test_prune_keeps_14_daily_8_weekly_and_12_monthly(tmp_path):
    day = datetime.date(2025, 6, 1)
    while day <= datetime.date(2026, 6, 30):
        stamp = f"{day:%Y%m%d}T023000Z"
        (tmp_path / f"asdg-{stamp}.dump").write_bytes(b"")
        (tmp_path / f"asdg-{stamp}-media.tar.gz").write_bytes(b"")
        day += datetime.timedelta(days=1)
    (tmp_path / "notes.txt").write_text("not a backup")

    backup.prune(tmp_path)

    kept = sorted(taken.date() for taken, _path in backup.backups_in(tmp_path))
    daily = [datetime.date(2026, 6, 30) - datetime.timedelta(days=n) for n in range(14)]
    assert set(daily) <= set(kept)
    # Sundays (the newest of each ISO week) for the 8 newest weeks.
    assert {datetime.date(2026, 6, 7), datetime.date(2026, 5, 17)} <= set(kept)
    assert datetime.date(2026, 5, 10) not in kept  # the 9th week back
    # The last day of each of the 12 newest months; nothing older.
    assert {datetime.date(2026, 1, 31), datetime.date(2025, 7, 31)} <= set(kept)
    assert kept[0] == datetime.date(2025, 7, 31)
    assert len(kept) <= 14 + 8 + 12
    assert not (tmp_path / "asdg-20250730T023000Z-media.tar.gz").exists()
    assert (tmp_path / "asdg-20250731T023000Z-media.tar.gz").exists()
    assert (tmp_path / "notes.txt").exists()


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_take_paths_relative_to_the_callers_folder(
    tmp_path, monkeypatch, fresh_database
):
    # `make restore FILE=backups/asdg-<time>.dump` as the README shows it: pg_dump and
    # pg_restore run in "/", so a relative path must be resolved against the caller's folder.
    monkeypatch.chdir(tmp_path)
    made = backup.backup(folder=Path("backups"), database=connection.settings_dict, media_root=None)
    assert made.dump.is_absolute() and made.dump.parent == tmp_path / "backups"
    relative = made.dump.relative_to(tmp_path)
    restored = backup.restore(dump=relative, database=fresh_database)
    assert restored.dump == made.dump


@pytest.mark.parametrize("has_filters", [True, False])
def test_uploads_archive_extracts_files_and_refuses_escapes(tmp_path, monkeypatch, has_filters):
    # Debian 12's python3 (3.11.2) has no tarfile filters: the same refusals by hand.
    import io
    import tarfile

    if not has_filters:
        monkeypatch.delattr(tarfile, "data_filter", raising=False)
    archive_path = tmp_path / "a.tar"
    with tarfile.open(archive_path, "w") as archive:
        for name in ("advices/ok.pdf", "../evil.txt"):
            info = tarfile.TarInfo(name)
            info.size = 2
            archive.addfile(info, io.BytesIO(b"ok"))
    root = tmp_path / "media"
    root.mkdir()
    with tarfile.open(archive_path) as archive:
        good, evil = archive.getmembers()
        backup._extract(archive, good, root)
        with pytest.raises((backup.BackupError, getattr(tarfile, "FilterError", OSError))):
            backup._extract(archive, evil, root)
    assert (root / "advices" / "ok.pdf").read_bytes() == b"ok"
    assert not (tmp_path / "evil.txt").exists()
