"""bin/system-packages: installs with apt only what is missing (issue 22.2)."""

import importlib.machinery
import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bin" / "system-packages"


@pytest.fixture
def installer():
    loader = importlib.machinery.SourceFileLoader("system_packages", str(SCRIPT))
    spec = importlib.util.spec_from_loader("system_packages", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def only_missing(installer, monkeypatch, *absent):
    for name in ("RUN", "TESTS"):
        entries = [
            (purpose, packages, (lambda: False) if packages[0] in absent else (lambda: True))
            for purpose, packages, _ in getattr(installer, name)
        ]
        monkeypatch.setattr(installer, name, entries)


def test_nothing_missing_runs_no_apt(installer, monkeypatch):
    only_missing(installer, monkeypatch)
    monkeypatch.setattr(installer.subprocess, "run", lambda *a, **k: pytest.fail("ran apt"))
    assert installer.main(["--tests"]) == 0


def test_root_installs_only_what_is_missing(installer, monkeypatch):
    only_missing(installer, monkeypatch, "fonts-dejavu-core", "chromium-headless-shell")
    ran = []
    monkeypatch.setattr(installer.os, "geteuid", lambda: 0)
    monkeypatch.setattr(installer.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(installer.subprocess, "run", lambda args, **k: ran.append(args))
    installer.main([])  # make run: not the test packages
    assert ran[-1][:2] == ["apt-get", "install"] and ran[-1][-1] == "fonts-dejavu-core"
    ran.clear()
    installer.main(["--tests"])
    assert ran[-1][-2:] == ["fonts-dejavu-core", "chromium-headless-shell"]


def test_not_root_asks_before_sudo(installer, monkeypatch, capsys):
    only_missing(installer, monkeypatch, "poppler-utils")
    ran = []
    monkeypatch.setattr(installer.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(installer.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(installer.subprocess, "run", lambda args, **k: ran.append(args))
    monkeypatch.setattr(installer, "_confirm", lambda packages: False)
    assert installer.main(["--tests"]) == 0
    assert ran == [] and "sudo apt-get install poppler-utils" in capsys.readouterr().err
    monkeypatch.setattr(installer, "_confirm", lambda packages: True)
    installer.main(["--tests"])
    assert ran[-1][:3] == ["sudo", "apt-get", "install"]


def test_without_apt_one_message_names_what_to_install(installer, monkeypatch, capsys):
    only_missing(installer, monkeypatch, "libpango-1.0-0")
    monkeypatch.setattr(installer.shutil, "which", lambda name: None)
    assert installer.main([]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "libpango-1.0-0 libpangoft2-1.0-0" in err
