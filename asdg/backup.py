"""Backups: the database with pg_dump (custom format) and the uploads as a tar.

`backup()` writes `asdg-<UTC time>.dump` and `asdg-<UTC time>-media.tar.gz` into a
folder; `restore()` puts a dump back into a database with pg_restore (`--clean
--if-exists --no-owner`, in one transaction) and the uploads of the same backup back
into MEDIA_ROOT; `prune()` keeps 14 daily, 8 weekly and 12 monthly backups.

The connection comes from Django's DATABASES (so any DATABASE_URL works, the unix socket
of `asdg.devdb` included) and reaches pg_dump through the PG* environment variables,
never on the command line.
"""

from __future__ import annotations

import datetime
import glob
import os
import re
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from asdg import devdb

PREFIX = "asdg-"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^asdg-(\d{8}T\d{6}Z)\.dump$")
RETENTION = {"daily": 14, "weekly": 8, "monthly": 12}


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Backup:
    dump: Path
    media: Path | None


def pg_tool(name: str, database: dict | None = None) -> str:
    """pg_dump / pg_restore: the embedded PostgreSQL's for its own cluster (`asdg.devdb`),
    else from PATH, else the newest ``/usr/lib/postgresql/<n>/bin``, else the embedded one.
    """
    embedded = devdb.embedded_bin_dir()
    if embedded and database is not None and _is_embedded_cluster(database):
        return str(embedded / name)
    found = shutil.which(name)
    if found:
        return found
    pattern = os.environ.get("ASDG_POSTGRES_SYSTEM_DIRS", devdb.SYSTEM_DIRS)
    candidates = sorted(
        glob.glob(f"{pattern}/{name}") if pattern else [],
        key=lambda path: int(Path(path).parent.parent.name),
    )
    if candidates:
        return candidates[-1]
    if embedded:
        return str(embedded / name)
    raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")


def _is_embedded_cluster(database: dict) -> bool:
    options = database.get("OPTIONS") or {}
    host = database.get("HOST") or options.get("host")
    port = str(database.get("PORT") or options.get("port") or "")
    return host == str(devdb.socket_dir()) and port == devdb.EMBEDDED_PORT


# libpq's connection keywords that may come in a DATABASE_URL's query (Django's OPTIONS),
# as `?host=/path/to/socket` does for `asdg.devdb`, and their environment variables.
_LIBPQ_OPTIONS = {
    "host": "PGHOST",
    "port": "PGPORT",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def pg_environment(database: dict) -> dict[str, str]:
    """The PG* variables for a Django database settings dict (NAME, USER, HOST, ...)."""
    options = database.get("OPTIONS") or {}
    values = {variable: options.get(option) for option, variable in _LIBPQ_OPTIONS.items()}
    values.update(
        {
            "PGDATABASE": database.get("NAME"),
            "PGUSER": database.get("USER"),
            "PGPASSWORD": database.get("PASSWORD"),
        }
    )
    # HOST and PORT win over the URL's query, as they do for Django's own connection.
    if database.get("HOST"):
        values["PGHOST"] = database["HOST"]
    if database.get("PORT"):
        values["PGPORT"] = database["PORT"]
    env = dict(os.environ)
    for key, value in values.items():
        env.pop(key, None)  # only the configured database, never one from the shell
        if value:
            env[key] = str(value)
    return env


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False, cwd="/")
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip()}")


def backup(
    *, folder: Path, database: dict, media_root: Path | None, now: datetime.datetime | None = None
) -> Backup:
    """Dump the database and pack the uploads; returns the files written."""
    folder = Path(folder).absolute()  # pg_dump runs in "/": the caller's folder counts
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    old_umask = os.umask(0o077)  # backups hold personal data: for the owner only
    try:
        return _backup(folder, database, media_root, now)
    finally:
        os.umask(old_umask)


def _backup(folder, database, media_root, now) -> Backup:
    stamp = (now or datetime.datetime.now(datetime.UTC)).strftime(STAMP_FORMAT)
    dump = folder / f"{PREFIX}{stamp}.dump"
    partial = dump.with_suffix(".dump.partial")
    _run(
        [pg_tool("pg_dump", database), "--format=custom", "--no-owner", "--file", str(partial)],
        pg_environment(database),
    )
    partial.rename(dump)  # a dump that is there is complete
    media = None
    if media_root is not None and Path(media_root).is_dir():
        media = folder / f"{PREFIX}{stamp}-media.tar.gz"
        with tarfile.open(media, "w:gz") as archive:
            archive.add(media_root, arcname="media")
    return Backup(dump=dump, media=media)


def media_archive_for(dump: Path) -> Path:
    return Path(dump).with_name(Path(dump).name.removesuffix(".dump") + "-media.tar.gz")


def restore(*, dump: Path, database: dict, media_root: Path | None = None) -> Backup:
    """Replace the database's contents by the dump; the uploads too when archived with it.

    All or nothing for the database (one transaction). Uploads are unpacked over
    MEDIA_ROOT: files in the backup come back, later uploads stay.
    """
    dump = Path(dump).absolute()  # pg_restore runs in "/": the caller's folder counts
    if not dump.is_file():
        raise BackupError(f"No such backup: {dump}")
    _run(
        [
            pg_tool("pg_restore", database),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            database["NAME"],
            str(dump),
        ],
        pg_environment(database),
    )
    media = media_archive_for(dump)
    if media_root is None or not media.is_file():
        return Backup(dump=dump, media=None)
    media_root = Path(media_root)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(media, "r:gz") as archive:
        for member in archive.getmembers():
            if member.name == "media":
                continue
            member.name = member.name.removeprefix("media/")
            _extract(archive, member, media_root)
    return Backup(dump=dump, media=media)


def _extract(archive: tarfile.TarFile, member: tarfile.TarInfo, root: Path) -> None:
    if hasattr(tarfile, "data_filter"):
        # The "data" filter refuses absolute paths, links out of the folder, devices.
        archive.extract(member, root, filter="data")
        return
    # Python before 3.11.4 (Debian 12's python3 is 3.11.2) has no filters: the same
    # refusals by hand, and only plain files and folders (uploads are nothing else).
    target = (root / member.name).resolve()
    if (
        Path(member.name).is_absolute()
        or not target.is_relative_to(root.resolve())
        or not (member.isfile() or member.isdir())
    ):
        raise BackupError(f"Refused in the uploads archive: {member.name}")
    member.mode &= 0o755
    archive.extract(member, root)


def backups_in(folder: Path) -> list[tuple[datetime.datetime, Path]]:
    """The backups in a folder, newest first."""
    found = []
    for path in Path(folder).glob(f"{PREFIX}*.dump"):
        match = _NAME.match(path.name)
        if match:
            taken = datetime.datetime.strptime(match.group(1), STAMP_FORMAT)
            found.append((taken.replace(tzinfo=datetime.UTC), path))
    return sorted(found, reverse=True)


def to_keep(
    taken: list[datetime.datetime], *, daily: int, weekly: int, monthly: int
) -> set[datetime.datetime]:
    """Grandfather-father-son: the newest backup of each of the last `daily` days,
    `weekly` ISO weeks and `monthly` months that have a backup."""
    keep: set[datetime.datetime] = set()
    for count, period in (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ):
        seen = []
        for moment in sorted(taken, reverse=True):
            key = period(moment)
            if key not in seen:
                seen.append(key)
                if len(seen) > count:
                    break
                keep.add(moment)
    return keep


def prune(folder: Path, **retention: int) -> list[Path]:
    """Delete the backups (dump and uploads) the retention does not keep; returns them."""
    retention = {**RETENTION, **retention}
    found = backups_in(folder)
    keep = to_keep([taken for taken, _path in found], **retention)
    deleted = []
    for taken, dump in found:
        if taken in keep:
            continue
        for path in (dump, media_archive_for(dump)):
            if path.exists():
                path.unlink()
                deleted.append(path)
    return deleted
