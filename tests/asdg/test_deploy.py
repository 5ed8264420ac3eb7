"""The deployment files in deploy/: gunicorn's config loads and serves /healthz over a
unix socket as in production; nginx and systemd say what the README says."""

import http.client
import importlib.util
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.harness import database_url_of

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def load_gunicorn_config(monkeypatch, **env):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    spec = importlib.util.spec_from_file_location("gunicorn_conf", DEPLOY / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gunicorn_config_loads_with_production_values(monkeypatch):
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    conf = load_gunicorn_config(monkeypatch)
    assert conf.wsgi_app == "asdg.wsgi:application"
    assert conf.bind == ["unix:/run/asdg/gunicorn.sock"]
    assert conf.preload_app is True
    assert conf.workers >= 3
    assert conf.timeout == 30 and conf.accesslog == "-"
    conf = load_gunicorn_config(monkeypatch, GUNICORN_WORKERS="2", GUNICORN_TIMEOUT="20")
    assert (conf.workers, conf.timeout) == (2, 20)


def test_gunicorn_config_is_valid_for_gunicorn(monkeypatch):
    pytest.importorskip("gunicorn", reason="gunicorn is not installed")
    from gunicorn.config import Config

    conf = load_gunicorn_config(monkeypatch)
    config = Config()
    for name in ("bind", "workers", "preload_app", "timeout", "logger_class", "umask"):
        config.set(name, getattr(conf, name))  # gunicorn validates each value
    assert config.preload_app is True
    assert config.logger_class.__name__ == "GunicornAccessLogger"  # JSON lines (issue 15.11)


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=5):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


@pytest.mark.slow  # starts gunicorn
@pytest.mark.django_db
def test_healthz_answers_under_gunicorn_on_a_unix_socket(tmp_path):
    pytest.importorskip("gunicorn", reason="gunicorn is not installed")
    sock = tmp_path / "gunicorn.sock"
    database = connection.settings_dict
    url = database_url_of(database)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "asdg.settings",
        "DATABASE_URL": url,
        # Production: the HTTPS redirect on; /healthz is exempt from it.
        "SECURE_SSL_REDIRECT": "true",
        "GUNICORN_BIND": f"unix:{sock}",
        "GUNICORN_WORKERS": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(DEPLOY / "gunicorn.conf.py")],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not sock.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                output = process.communicate(timeout=10)
                pytest.fail(f"gunicorn did not start: {output}")
            time.sleep(0.1)
        answers = {}
        for path in ("/healthz", "/"):
            conn = UnixHTTPConnection(str(sock))
            conn.request("GET", path, headers={"Host": "localhost"})
            response = conn.getresponse()
            answers[path] = (response.status, response.read(), response.getheader("Location"))
            conn.close()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            stdout, stderr = process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate(timeout=5)
    assert answers["/healthz"][:2] == (200, b'{"status": "ok"}'), stderr
    assert answers["/"][0] == 301 and answers["/"][2] == "https://localhost/"
    # The access log: one JSON object per request, without query strings.
    access = [json.loads(line) for line in stdout.splitlines() if '"gunicorn.access"' in line]
    assert [(entry["path"], entry["status"]) for entry in access] == [("/healthz", 200), ("/", 301)]


def test_nginx_accepts_the_largest_upload_the_site_accepts():
    conf = (DEPLOY / "nginx.conf").read_text()
    size = int(re.search(r"client_max_body_size (\d+)m;", conf).group(1))
    assert size >= settings.ASDG_MAX_UPLOAD_MB + 1
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    # Issue 15.2: every location to gunicorn appends the visitor's address (members.client).
    assert conf.count("proxy_pass http://asdg;") == conf.count(
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"
    )
    assert "unix:/run/asdg/gunicorn.sock" in conf
    assert "location /media/" not in conf  # uploads only through Django's views


def test_systemd_units_are_hardened_and_backups_run_nightly():
    service = (DEPLOY / "asdg.service").read_text()
    for line in (
        "User=asdg",
        "EnvironmentFile=/etc/asdg/env",
        "ProtectSystem=strict",
        "PrivateTmp=yes",
        "NoNewPrivileges=yes",
    ):
        assert line in service.splitlines()
    timer = (DEPLOY / "asdg-backup.timer").read_text()
    assert "OnCalendar=*-*-* 02:30:00" in timer and "Persistent=true" in timer
    backup = (DEPLOY / "asdg-backup.service").read_text()
    assert "manage.py backup --folder /var/backups/asdg --prune" in backup
