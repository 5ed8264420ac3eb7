"""The bench tooling (bench/): its data set, its table and its floor — nothing timed."""

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import clear_url_caches, resolve

from advices.models import Advice, Recommendation, Status, Trajectory
from bench import settings as bench_settings
from bench.run import UNCACHED, Page, Row, format_table, verdicts
from bench.seed import BENCH_EMAIL, BENCH_PASSWORD, seed_scaled
from finance.models import ExpenseClaim
from members.models import Member, User
from members.roles import MEMBER
from tests.advices.public_factories import published_advice
from tests.finance.factories import ExpenseClaimFactory
from tests.members.factories import MemberFactory, role_group

COOKIES = ("member", "secretariat", "secretariat-otp")


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


def test_format_table_prints_one_row_per_measurement_with_both_ratios():
    rows = [
        Row("bare floor", 20, 4000.0, 4.5, 6.25, 1.0, 2.0, 0),
        Row("/adviezen/ (anonymous)", 20, 700.4, 25.0, 40.0, 0.175, 0.35, 11, errors=3),
        Row("/adviezen/ (anonymous)" + UNCACHED, 1, None, 21.0, 24.0, None, None, 4),
    ]
    table = format_table(rows).splitlines()
    assert table[0].startswith(
        "| page | concurrency | req/s | p50 ms | p95 ms | of the bare floor | of the site's floor |"
    )
    assert table[2] == "| bare floor | 20 | 4,000 | 4.5 | 6.2 | 100% | 200% | 0 |"
    assert table[3] == (
        "| /adviezen/ (anonymous) (3 errors) | 20 | 700 | 25.0 | 40.0 | 18% | 35% | 11 |"
    )
    assert table[4].endswith("| 1 | — | 21.0 | 24.0 | — | — | 4 |")


def test_a_verdict_per_goal_of_issue_20():
    pages = [
        Page("/adviezen/ (anonymous)", "/adviezen/", public=True),
        Page("advice page (anonymous)", "/adviezen/a/", public=True),
        Page("portal home (member)", "/portaal/", p50_goal_ms=25),
        Page("dashboard (secretariat)", "/admin/", p50_goal_ms=40, max_queries=15),
    ]
    rows = [
        Row("/adviezen/ (anonymous)", 20, 800.0, 20.0, 25.0, 0.80, 1.5),
        Row("/adviezen/ (anonymous)" + UNCACHED, 1, None, 30.0, 40.0, None, None),
        Row("advice page (anonymous)", 20, 700.0, 20.0, 26.0, 0.80, 1.5),
        Row("advice page (anonymous)" + UNCACHED, 1, None, 31.0, 40.0, None, None),
        Row("portal home (member)", 1, 40.0, 24.0, 30.0, 0.1, 0.2),
        Row("dashboard (secretariat)", 1, 30.0, 35.0, 40.0, 0.1, 0.2, queries=16),
    ]
    assert [line.rsplit(": ", 1)[1] for line in verdicts(pages, rows)] == [
        "ok",  # 80% of the bare floor, p95 25 ms
        "ok",  # uncached p50 30 ms
        "NOT MET",  # p95 26 ms
        "NOT MET",  # uncached p50 31 ms
        "ok",
        "NOT MET",  # 16 queries
    ]
    assert verdicts(pages, rows)[0] == (
        "- /adviezen/ (anonymous) as served, concurrency 20: 80% of the bare floor "
        "(needs ≥ 75%; 150% of the site's floor), p95 25.0 ms (needs ≤ 25): ok"
    )


def test_the_bare_floor_is_django_with_its_default_middleware_and_one_view():
    from bench.floor import settings as floor_settings

    assert [name.rsplit(".", 1)[1] for name in floor_settings.MIDDLEWARE] == [
        "SessionMiddleware",
        "LocaleMiddleware",
        "CommonMiddleware",
        "CsrfViewMiddleware",
        "AuthenticationMiddleware",
        "MessageMiddleware",
        "XFrameOptionsMiddleware",
    ]
    assert not [app for app in floor_settings.INSTALLED_APPS if not app.startswith("django.")]
    view = resolve("/", urlconf="bench.floor.urls").func
    response = view(RequestFactory().get("/"))
    assert (response.status_code, response.content) == (200, b"ok\n")


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


@pytest.mark.django_db
def test_19_the_bench_measures_the_home_page_and_the_open_data_csv_without_a_verdict():
    """Issue 19: `make bench` includes the home page and the open-data CSV."""
    from django.urls import reverse

    from bench.run import pages

    published_advice(Status.RESPONDED, responses=[Recommendation.Response.ADOPTED])
    measured = {page.path: page for page in pages(dict.fromkeys(COOKIES, "sessionid=x"))}
    assert measured[reverse("home")].public
    csv = measured[reverse("advices_public:open-data-csv")]
    assert csv.content_type == "text/csv"
    assert not csv.public and csv.p50_goal_ms is None and csv.max_queries is None
    rows = [Row(csv.name, concurrency, 900.0, 2.0, 4.0, 0.5, 0.9) for concurrency in (1, 20)]
    assert verdicts([csv], rows) == []  # a row in the table, no verdict
