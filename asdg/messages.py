"""Compiles the translations (``locale/*/LC_MESSAGES/*.po`` -> ``.mo``) with polib.

What `make` runs instead of ``manage.py compilemessages``, so that a development machine
needs no gettext (``msgfmt``). Like ``msgfmt``, fuzzy and obsolete entries are left out.
A ``.mo`` newer than its ``.po`` is left as it is. Deployment may use either.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

PROJECT_DIR = Path(__file__).resolve().parent.parent


def catalogues(root: Path = PROJECT_DIR) -> list[Path]:
    found = []
    for folder in [root / "locale", *sorted(root.glob("*/locale"))]:
        found.extend(sorted(folder.glob("*/LC_MESSAGES/*.po")))
    return found


def compile_all(root: Path = PROJECT_DIR, *, force: bool = False) -> list[Path]:
    written = []
    for po in catalogues(root):
        mo = po.with_suffix(".mo")
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        polib.pofile(str(po)).save_as_mofile(str(mo))
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_all(force="--force" in sys.argv):
        print(f"Compiled {path.relative_to(PROJECT_DIR)}")
