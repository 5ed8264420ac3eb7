import pytest

from asdg import devdb


def test_local_database_url_uses_a_short_socket_path():
    url = devdb.database_url()
    assert url.startswith("postgres://postgres@/asdg?host=/tmp/asdg-pg-")
    assert len(str(devdb.socket_dir() / ".s.PGSQL.5432")) < 100


def test_missing_postgresql_says_what_to_install(monkeypatch):
    monkeypatch.setattr(devdb.shutil, "which", lambda name: None)
    monkeypatch.setattr(devdb.glob, "glob", lambda pattern: [])
    with pytest.raises(SystemExit) as stop:
        devdb._bin_dir()
    assert "apt-get install postgresql" in str(stop.value)
    assert "DATABASE_URL" in str(stop.value)
