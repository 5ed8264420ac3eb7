"""The fuzz suite's world: the demo data, seeded once per module inside a transaction.

Each test then runs in a savepoint of that transaction (pytest-django), so the demo rows
never reach other tests. Every test here is marked `fuzz` (tests/conftest.py): `make
test` runs them, `make test-fast` does not.

Hypothesis profiles: "ci" (the default, `make test`: 2 examples per form and action),
"wide" (4, the default until issue 20: `pytest -m fuzz --hypothesis-profile=wide`) and
"thorough" (25). Every profile posts to the same forms and actions and checks the same
things (never a 500, nothing half-saved); they differ in how many generated inputs each
form gets. With derandomize the inputs are the same on every run: hypothesis first tries
its simplest input (the values the page offered), then generated ones that vary which
fields go bad and how. "ci" gives each form one generated input besides the simplest,
"wide" three; that halves the slowest test (the admin forms: 206 s with "wide" on an
idle machine) and keeps every form and action in every run.
"""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, settings

from tests.harness import demo_load, isolated_settings

QUICK = {
    # No shrinking (the failure message carries the whole input); the same inputs each run.
    "phases": [Phase.explicit, Phase.reuse, Phase.generate],
    "deadline": None,
    "derandomize": True,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
# ~150 forms and ~20 actions: few examples each keep the suite within CI's minutes.
settings.register_profile("ci", max_examples=2, **QUICK)
settings.register_profile("wide", max_examples=4, **QUICK)
settings.register_profile(
    "thorough",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
if settings.get_current_profile_name() == "default":
    settings.load_profile("ci")


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker, demo_media, demo_snapshot):
    """The demo data (seed_demo, tests/conftest.py's demo_snapshot) for the whole module,
    rolled back afterwards."""
    with isolated_settings(demo_media), django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_load(demo_snapshot, demo_media)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _demo_media(settings, demo_media):
    """The demo's receipts and documents stay readable in every test of the module."""
    settings.MEDIA_ROOT = demo_media
