"""What `make bench` and `make loadtest` share: the bench database, its settings, gunicorn.

The site runs as in production (DEBUG off, gunicorn with deploy/gunicorn.conf.py, the
cache in PostgreSQL as the README's deployment has it: CACHE_URL=dbcache://asdg_cache),
on its own database `asdg_bench` in the project-local cluster (asdg.devdb), bound to
loopback over plain HTTP. Requests carry `X-Forwarded-Proto: https`, as nginx sends it,
so the HTTPS redirect, HSTS and secure cookies stay as in production.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from asdg import devdb

PROJECT_DIR = Path(__file__).resolve().parent.parent
WORK_DIR = PROJECT_DIR / "bench" / ".work"
RESULTS_DIR = PROJECT_DIR / "bench" / "results"
DB_NAME = "asdg_bench"
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE_URL = f"http://{HOST}:{PORT}"
# The bare floor (bench.floor: one view, Django's default middleware), beside the site.
FLOOR_APP = "bench.floor.wsgi:application"
FLOOR_PORT = PORT + 1
FLOOR_URL = f"http://{HOST}:{FLOOR_PORT}"
WORKERS = 2
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
PYTHON = str(PROJECT_DIR / ".venv" / "bin" / "python")
GUNICORN = str(PROJECT_DIR / ".venv" / "bin" / "gunicorn")


def database_url(name: str = DB_NAME) -> str:
    return f"postgres://postgres@/{name}?host={devdb.socket_dir()}&port={devdb.choose().port}"


def environment(**overrides: str) -> dict[str, str]:
    """The process environment of the bench site: production settings on loopback."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "ASDG_"))
        and key not in {"DATABASE_URL", "CACHE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env.update(
        {
            "DATABASE_URL": database_url(),
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-secret-key-never-used-on-a-site-0123456789abcdef",
            "ALLOWED_HOSTS": f"{HOST},localhost,testserver",
            "CSRF_TRUSTED_ORIGINS": f"https://{HOST}:{PORT},https://{HOST}",
            "CACHE_URL": "dbcache://asdg_cache",
            "MEDIA_ROOT": str(WORK_DIR / "media"),
            "STATIC_ROOT": str(WORK_DIR / "static"),
            # The site's settings with the floor's URLs (bench.urls).
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            # Not the local demo: the second factor stays required for /admin/.
            "ASDG_ADMIN_REQUIRE_OTP": "true",
            "ASDG_LOG_LEVEL": "WARNING",
            # Mails (claims, applications) are made but sent nowhere.
            "EMAIL_URL": "dummymail://",
            "GUNICORN_BIND": f"{HOST}:{PORT}",
            "GUNICORN_WORKERS": str(WORKERS),
            "GUNICORN_LOG_LEVEL": "warning",
        }
    )
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str] | None = None, quiet: bool = False) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env or environment(),
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def _server_connection():
    """An autocommit connection to the cluster's `postgres` database (for CREATE/DROP)."""
    import psycopg

    devdb.start_local(quiet=True)
    return psycopg.connect(
        host=str(devdb.socket_dir()), port=devdb.choose().port, user="postgres", dbname="postgres",
        autocommit=True,
    )  # fmt: skip


def create_database() -> bool:
    """Create the bench database if it is missing; True when it was created."""
    with _server_connection() as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]
        ).fetchone()
        if found:
            return False
        connection.execute(f'CREATE DATABASE "{DB_NAME}"')
        return True


def drop_database() -> None:
    with _server_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def prepare(*, fresh: bool = False) -> None:
    """Database, cache table, static files and the 10× data set (once per database)."""
    started = time.monotonic()
    if fresh:
        drop_database()
    create_database()
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    env = environment()
    print("bench: migrating the bench database …", flush=True)
    manage("migrate", "--noinput", "-v0", env=env)
    manage("createcachetable", env=env)
    manage("collectstatic", "--noinput", "-v0", env=env)
    print("bench: seeding (the demo, then 10× of it) …", flush=True)
    manage("seed_demo", "--force", env=env, quiet=True)
    manage(
        "shell",
        "-c",
        "from bench.seed import seed_scaled; print('bench: added', seed_scaled(scale=10))",
        env=env,
    )
    print(f"bench: data ready in {time.monotonic() - started:.0f} s", flush=True)


def setup_django(**overrides: str) -> None:
    """Set this process up as the site (bench settings), for sessions and query counts."""
    for key, value in environment(**overrides).items():
        os.environ[key] = value
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()


class Gunicorn:
    """gunicorn with deploy/gunicorn.conf.py, 2 workers, on loopback; a context manager.

    The site by default; `app` and `port` serve another WSGI application with the same
    configuration (the bare floor), `ready` is the path that answers 200 once it is up.
    """

    def __init__(
        self,
        app: str = "asdg.wsgi:application",
        *,
        port: int = PORT,
        ready: str = "/healthz",
        **overrides: str,
    ):
        self.app, self.base_url, self.ready = app, f"http://{HOST}:{port}", ready
        self.env = environment(GUNICORN_BIND=f"{HOST}:{port}", **overrides)
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        port = int(self.base_url.rsplit(":", 1)[1])
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # past TIME_WAIT
            try:
                probe.bind((HOST, port))
            except OSError as error:
                # Else the readiness check would find the other server and measure it.
                raise RuntimeError(
                    f"port {port} is taken by another server; set BENCH_PORT"
                ) from error
        WORK_DIR.mkdir(parents=True, exist_ok=True)
        self.log = open(WORK_DIR / "gunicorn.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "-c", str(PROJECT_DIR / "deploy" / "gunicorn.conf.py"),
                # Production recycles a worker after ~2,000 requests, which at the
                # benchmark's rate would be every second: the bench measures without.
                "--max-requests", "0",
                # The access log is formatted as in production (one JSON line per
                # request) but thrown away: at these rates it would fill the disk.
                "--access-logfile", os.devnull,
                self.app,
            ],
            cwd=PROJECT_DIR,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {WORK_DIR / 'gunicorn.log'}")
            try:
                status, _body = fetch(self.ready, base_url=self.base_url)
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"gunicorn did not answer {self.ready} within 60 s")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(path: str, cookie: str = "", *, base_url: str = BASE_URL) -> tuple[int, bytes]:
    """One GET as the proxy would pass it; the status and body, redirects not followed."""
    headers = dict(PROXY_HEADERS)
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(base_url + path, headers=headers)
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
