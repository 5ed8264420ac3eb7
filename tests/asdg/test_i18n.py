"""The Dutch catalogue is complete: every msgid in the code is translated, none fuzzy."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
IGNORE = shutil.ignore_patterns(
    ".git", ".venv", ".tools", ".pg", "staticfiles", "media", "node_modules", "__pycache__"
)


@pytest.mark.slow
def test_dutch_catalogue_covers_every_string_and_has_no_fuzzy_entries(tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(PROJECT_DIR, copy, ignore=IGNORE)
    env = {**os.environ, "DEBUG": "true"}
    result = subprocess.run(
        [
            sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-obsolete", "-v0",
            "--ignore=tests/*", "--ignore=static/*",
        ],
        cwd=copy, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    po = copy / "locale/nl/LC_MESSAGES/django.po"
    stats = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(po)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert stats.returncode == 0, stats.stderr
    assert re.fullmatch(r"\d+ translated messages\.\n", stats.stderr), (
        "Dutch catalogue incomplete (run makemessages and translate): " + stats.stderr
    )
