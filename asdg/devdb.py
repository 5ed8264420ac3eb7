"""The project-local PostgreSQL cluster used when DATABASE_URL is not set.

Runs with the standard library only (``python3 -m asdg.devdb start``), so the
Makefile can start the database before the virtualenv exists. The cluster lives in
``.pg/`` inside the project when the server's user can reach it, else under ``/tmp``
keyed by the project path; the socket always sits in a short ``/tmp`` path, and the
server listens on that socket only (no TCP port to clash with anything).
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DB_NAME = "asdg"
PORT = "5432"


def _key() -> str:
    return hashlib.sha1(str(PROJECT_DIR).encode()).hexdigest()[:10]


def socket_dir() -> Path:
    return Path("/tmp") / f"asdg-pg-{_key()}"


def database_url() -> str:
    return f"postgres://postgres@/{DB_NAME}?host={socket_dir()}&port={PORT}"


def _bin_dir() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name),
    )
    if not candidates:
        sys.exit(
            "PostgreSQL is not installed: ASDG needs its server programs (initdb, pg_ctl).\n"
            "On Debian/Ubuntu: sudo apt-get install postgresql\n"
            "Or set DATABASE_URL to a PostgreSQL database you already have."
        )
    return Path(candidates[-1]).parent


def _as_server_user() -> list[str]:
    # initdb and pg_ctl refuse to run as root; run them as the postgres user then.
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _server_can_use(folder: Path) -> bool:
    if os.geteuid() != 0:
        return True
    folder.mkdir(parents=True, exist_ok=True)
    shutil.chown(folder, user="postgres")
    probe = subprocess.run([*_as_server_user(), "test", "-w", str(folder)], check=False, cwd="/")
    return probe.returncode == 0


def data_dir() -> Path:
    local = PROJECT_DIR / ".pg"
    if (local / "data" / "PG_VERSION").exists():
        return local / "data"
    if _server_can_use(local):
        return local / "data"
    return socket_dir() / "data"


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    # cwd "/": the server's user may not be allowed into the caller's folder.
    return subprocess.run(args, check=True, cwd="/", **kwargs)


def _running(pg_bin: Path, data: Path) -> bool:
    if not (data / "PG_VERSION").exists():
        return False
    status = subprocess.run(
        [*_as_server_user(), str(pg_bin / "pg_ctl"), "-D", str(data), "status"],
        capture_output=True,
        check=False,
        cwd="/",
    )
    return status.returncode == 0


def start() -> None:
    pg_bin = _bin_dir()
    sock = socket_dir()
    sock.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(sock, user="postgres")
    data = data_dir()
    if not (data / "PG_VERSION").exists():
        data.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(data, user="postgres")
        _run(
            [
                *_as_server_user(),
                str(pg_bin / "initdb"),
                "-D", str(data),
                "-U", "postgres",
                "-A", "trust",
                "-E", "UTF8",
                "--locale=C.UTF-8",
            ],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
    if not _running(pg_bin, data):
        options = f"-p {PORT} -k {sock} -c listen_addresses='' -c fsync=off"
        _run(
            [
                *_as_server_user(),
                str(pg_bin / "pg_ctl"),
                "-D", str(data),
                "-w",
                "-l", str(sock / "server.log"),
                "-o", options,
                "start",
            ],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
    _create_database(pg_bin, sock)


def _create_database(pg_bin: Path, sock: Path) -> None:
    psql = [str(pg_bin / "psql"), "-h", str(sock), "-p", PORT, "-U", "postgres", "-tAq"]
    exists = subprocess.run(
        [*psql, "-d", "postgres", "-c", f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'"],
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    )
    if exists.stdout.strip() != "1":
        _run([*psql, "-d", "postgres", "-c", f"CREATE DATABASE {DB_NAME}"])


def stop() -> None:
    pg_bin = _bin_dir()
    data = data_dir()
    if _running(pg_bin, data):
        _run(
            [*_as_server_user(), str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            stdout=subprocess.DEVNULL,
        )
        print("Local PostgreSQL stopped.")
    else:
        print("Local PostgreSQL was not running.")


def main(argv: list[str]) -> None:
    command = argv[1] if len(argv) > 1 else "url"
    if command == "start":
        start()
    elif command == "stop":
        stop()
    elif command == "url":
        print(database_url())
    elif command == "status":
        print("running" if _running(_bin_dir(), data_dir()) else "stopped")
    else:
        sys.exit("usage: python3 -m asdg.devdb [start|stop|url|status]")


if __name__ == "__main__":
    main(sys.argv)
