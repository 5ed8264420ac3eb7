"""The fuzz suite's world: the demo data, seeded once per module inside a transaction.

Each test then runs in a savepoint of that transaction (pytest-django), so the demo rows
never reach other tests. Hypothesis profiles: "ci" (the default here, few examples per
form) and "thorough" (`pytest tests/fuzz --hypothesis-profile=thorough`).
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, Phase, settings

from tests.harness import isolated_settings

settings.register_profile(
    "ci",
    # ~150 forms and ~20 actions: few examples each keep the suite within CI's minutes;
    # no shrinking (the failure message carries the whole input).
    max_examples=4,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
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
def demo_world(django_db_setup, django_db_blocker, demo_media):
    """The demo data (seed_demo) for the whole module, rolled back afterwards."""
    with isolated_settings(demo_media), django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _demo_media(settings, demo_media):
    """The demo's receipts and documents stay readable in every test of the module."""
    settings.MEDIA_ROOT = demo_media
