"""DESIGN.md §2: the apps' imports form a one-way graph, ground floor first."""

import ast
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
# Lowest first; an app may import only the apps before it.
LAYERS = [
    "organisation",
    "members",
    "relations",
    "advices",
    "projectgroups",
    "steering",
    "finance",
    "public",
    "asdg",
    # On top: the demo data may use every app (DESIGN.md §5), and no app imports it.
    "demo",
]


def imported_apps(app: str) -> dict[str, set[str]]:
    """The apps of LAYERS that the Python files under a folder import, with the files."""
    found: dict[str, set[str]] = {}
    for path in (PROJECT_DIR / app).rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in LAYERS and top != app:
                    found.setdefault(top, set()).add(str(path.relative_to(PROJECT_DIR)))
    return found


@pytest.mark.parametrize("app", LAYERS)
def test_app_imports_only_apps_below_it(app):
    allowed = set(LAYERS[: LAYERS.index(app)])
    # Settings are the one place everything is named (DESIGN.md §2: "settings aside").
    upward = {
        other: sorted(f for f in files if not f.endswith("settings.py"))
        for other, files in imported_apps(app).items()
        if other not in allowed
    }
    upward = {other: files for other, files in upward.items() if files}
    assert not upward, f"{app} imports apps above it: {upward}"


def test_architecture_test_sees_imports():
    assert "members" in imported_apps("asdg")
    assert "organisation" in imported_apps("members")


def test_nothing_outside_the_demo_and_the_tests_imports_the_demo():
    """The demo is seeded by its command (`manage.py seed_demo`); no code of the site,
    the benchmark included, imports it."""
    folders = [
        path.name
        for path in PROJECT_DIR.iterdir()
        if (path / "__init__.py").exists() and path.name not in {"demo", "tests"}
    ]
    assert "bench" in folders and "asdg" in folders
    importers = {folder: imported_apps(folder).get("demo") for folder in folders}
    assert not {folder: files for folder, files in importers.items() if files}


def test_the_demo_may_import_every_app():
    assert {"members", "advices", "steering", "finance", "public"} <= set(imported_apps("demo"))
