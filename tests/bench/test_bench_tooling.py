"""The bench tooling (bench/): its data set, its table and its floor — nothing timed."""

import pytest
from django.test import Client, override_settings
from django.urls import clear_url_caches

from advices.models import Advice, Recommendation, Status, Trajectory
from bench import settings as bench_settings
from bench.run import Row, acceptance, format_table
from bench.seed import BENCH_EMAIL, BENCH_PASSWORD, seed_scaled
from finance.models import ExpenseClaim
from members.models import Member, User
from members.roles import MEMBER
from tests.advices.public_factories import published_advice
from tests.finance.factories import ExpenseClaimFactory
from tests.members.factories import MemberFactory, role_group


@pytest.mark.django_db
def test_seed_scaled_multiplies_what_is_there():
    role_group(MEMBER)
    published_advice(Status.RESPONDED, responses=[Recommendation.Response.ADOPTED])
    MemberFactory()
    ExpenseClaimFactory()  # awaiting a decision: copied onto the new members
    before = {
        "members": Member.objects.count(),
        "trajectories": Trajectory.objects.count(),
        "published": Trajectory.objects.published().count(),
        "recommendations": Recommendation.objects.count(),
        "claims": ExpenseClaim.objects.count(),
    }

    added = seed_scaled(scale=3, budget_years=0)

    assert Member.objects.count() == 3 * before["members"]
    assert Trajectory.objects.count() == 3 * before["trajectories"]
    assert Trajectory.objects.published().count() == 3 * before["published"]
    assert Advice.objects.count() == 3 * before["trajectories"]
    assert Recommendation.objects.count() == 3 * before["recommendations"]
    assert ExpenseClaim.objects.count() == 3 * before["claims"]
    assert added["members"] == 2 * before["members"]
    # Every copy has an account in the Lid group that logs in with the bench password.
    user = User.objects.get(email=BENCH_EMAIL.format(n=1))
    assert user.check_password(BENCH_PASSWORD)
    assert user.groups.filter(name=MEMBER).exists()
    assert Member.objects.get(user=user).ended_on is None
    # Once per database: a second run adds nothing.
    assert seed_scaled(scale=3) == {}
    assert User.objects.filter(email__startswith="bench-").count() == added["members"]


def test_format_table_prints_one_row_per_measurement():
    rows = [
        Row("floor (minimal view)", 20, 4000.0, 4.5, 6.25, 1.0, 2),
        Row("/adviezen/ (anonymous) — page cache off", 20, 700.4, 25.0, 40.0, 0.175, 11, errors=3),
    ]
    table = format_table(rows).splitlines()
    assert table[0].startswith("| page | concurrency | req/s | p50 ms | p95 ms |")
    assert table[2] == "| floor (minimal view) | 20 | 4,000 | 4.5 | 6.2 | 100% | 2 |"
    assert table[3] == (
        "| /adviezen/ (anonymous) — page cache off (3 errors) | 20 | 700 | 25.0 | 40.0 | 18% | 11 |"
    )


def test_acceptance_asks_60_percent_and_p95_as_served_and_15_percent_with_the_cache_off():
    rows = [
        Row("floor (minimal view)", 20, 1000.0, 18.0, 22.0, 1.0, 2),
        Row("/adviezen/ (anonymous) — from cache", 20, 700.0, 25.0, 49.0, 0.70, 0),
        Row("advice page (anonymous) — from cache", 20, 700.0, 25.0, 51.0, 0.70, 0),
        Row("/adviezen/ (anonymous) — page cache off", 20, 160.0, 120.0, 150.0, 0.16, 1),
        Row("advice page (anonymous) — page cache off", 20, 140.0, 140.0, 170.0, 0.14, 2),
        Row("advice page (anonymous) — page cache off", 1, 60.0, 16.0, 18.0, 0.10, 2),
    ]
    assert acceptance(rows) == [
        "- /adviezen/ (anonymous) — from cache at concurrency 20: 70% of the floor "
        "(needs ≥ 60%), p95 49.0 ms (needs < 50): ok",
        "- advice page (anonymous) — from cache at concurrency 20: 70% of the floor "
        "(needs ≥ 60%), p95 51.0 ms (needs < 50): NOT MET",
        "- /adviezen/ (anonymous) — page cache off at concurrency 20: 16% of the floor "
        "(needs ≥ 15%): ok",
        "- advice page (anonymous) — page cache off at concurrency 20: 14% of the floor "
        "(needs ≥ 15%): NOT MET",
    ]


def test_the_bench_site_is_the_project_settings_with_the_floor_urls(settings):
    """Issue 20.4: the bench hooks live in bench/; the project's settings name no bench."""
    from bench.server import environment

    assert environment()["DJANGO_SETTINGS_MODULE"] == "bench.settings"
    assert environment(DJANGO_SETTINGS_MODULE="x")["DJANGO_SETTINGS_MODULE"] == "x"
    assert bench_settings.ROOT_URLCONF == "bench.urls"
    assert settings.ROOT_URLCONF == "asdg.urls"
    assert bench_settings.MIDDLEWARE == settings.MIDDLEWARE
    assert bench_settings.INSTALLED_APPS == settings.INSTALLED_APPS


@pytest.mark.django_db
def test_the_floor_is_served_only_with_the_bench_urls(client):
    assert client.get("/bench/floor/").status_code == 404
    clear_url_caches()
    try:
        with override_settings(ROOT_URLCONF=bench_settings.ROOT_URLCONF):
            response = Client().get("/bench/floor/")
            assert response.status_code == 200
            assert response.content == b"ok\n"
            # The site's own pages stay where they are.
            assert Client().get("/adviezen/").status_code == 200
    finally:
        clear_url_caches()
