import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from asdg import devdb

PROJECT_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "p8Zq1u-7rN9wXvA3kLm0sTy6bH2cJ5eGdF4iO8pQ1rS3tU5vW7xY9zA0bC2dE4fG6h",
    "ALLOWED_HOSTS": "asdg.example.org",
    "DATABASE_URL": "postgres://asdg:secret@db.example.org:5432/asdg",
    "EMAIL_URL": "smtp+tls://asdg:secret@smtp.example.org:587",
    "CACHE_URL": "locmemcache://asdg",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    for key in ("SECURE_SSL_REDIRECT", "ASDG_ADMIN_REQUIRE_OTP", "DEBUG", "SECRET_KEY"):
        clean.pop(key, None)
    clean.pop("DATABASE_URL", None)  # each test names its database, or none
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_check_deploy_with_production_values_reports_no_issues():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.slow
def test_check_deploy_catches_an_insecure_setting():
    # The test above can fail: switching HSTS off is reported.
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        env={**PRODUCTION_ENV, "SECURE_HSTS_SECONDS": "0"},
    )  # fmt: skip
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


@pytest.mark.slow  # a Django process of its own (about 1.5 s)
def test_production_settings_are_secure_by_default():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS, s.SECURE_REFERRER_POLICY,"
        " s.ASDG_ADMIN_REQUIRE_OTP, s.STORAGES['staticfiles']['BACKEND'])"
    )
    result = manage("shell", "-v", "0", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False", "True", "True", "True", "True", "31536000", "same-origin", "True",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]  # fmt: skip


@pytest.mark.slow
def test_collectstatic_builds_hashed_compressed_files_for_whitenoise(tmp_path):
    result = manage(
        "collectstatic", "--noinput", "-v0",
        env={**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/bootstrap-5.3.9/css/bootstrap.min.css" in manifest
    assert list(tmp_path.glob("css/site.*.css.gz"))


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def without_database_url_in_dot_env():
    if devdb.configured_url() == ".env":
        pytest.skip("this checkout's .env sets DATABASE_URL")


def test_production_refuses_to_start_without_a_database_url():
    """Issue 20.4: no silent fall-back to the development cluster on a real site."""
    without_database_url_in_dot_env()
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DATABASE_URL"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL is not set" in result.stderr
    assert "Only with DEBUG=true" in result.stderr


@pytest.mark.slow  # a Django process of its own (about 1.5 s)
def test_a_debugging_site_without_a_database_url_uses_the_local_cluster():
    without_database_url_in_dot_env()
    code = "from django.conf import settings as s; print(s.DATABASES['default']['OPTIONS'])"
    result = manage("shell", "-v", "0", "-c", code, env={"DEBUG": "true"})
    assert result.returncode == 0, result.stderr
    assert str(devdb.socket_dir()) in result.stdout


def test_sqlite_is_refused():
    result = manage("check", env={**PRODUCTION_ENV, "DATABASE_URL": "sqlite:///tmp/x.db"})
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


@pytest.mark.slow  # a Django process of its own (about 1.5 s)
def test_database_url_wins_when_set():
    code = "from django.conf import settings as s; print(s.DATABASES['default']['HOST'])"
    result = manage("shell", "-v", "0", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.strip() == "db.example.org"


def test_tests_run_against_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.django_db
def test_csp_header_allows_no_inline_script(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_pages_load_nothing_from_another_host(client):
    html = client.get("/").content.decode()
    # The page's own addresses in other languages (hreflang) are absolute, as they must be.
    html = re.sub(r'<link rel="alternate" hreflang="[^"]+" href="[^"]+">', "", html)
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html
    assert "/static/vendor/bootstrap-5.3.9/css/bootstrap.min.css" in html
