"""Issues 16.3, 18.2, 20: the dashboard's links per role, and what it costs.

The secretariat's links go to the admin, the steering group's to the portal; none leads
either of them to a page that refuses them (today's "3 expense claims await a decision"
sent the steering group to a 403). The demo is seeded once for the module.
"""

import pytest
from django.test import Client
from django.utils import timezone

from asdg import dashboard
from members.roles import SECRETARIAT, STEERING_GROUP
from tests.fuzz.conftest import demo_media, demo_world  # noqa: F401 (the seeded demo)
from tests.harness import login_verified
from tests.members.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = [SECRETARIAT, STEERING_GROUP]


def _client(role):
    client = Client()
    client.user = UserFactory(role=role)
    return login_verified(client, client.user)


def _items(client):
    today = timezone.localdate()
    return [
        item
        for section in dashboard.dashboard(today=today, user=client.user)
        for item in section.items
    ]


@pytest.mark.usefixtures("demo_world")
@pytest.mark.parametrize("role", ROLES)
def test_every_dashboard_link_on_the_demo_opens_for_the_role(role):
    client = _client(role)
    page = client.get("/admin/" if role == SECRETARIAT else "/portaal/")
    assert page.status_code == 200
    items = _items(client)
    linked = [item for item in items if item.url]
    assert len(linked) >= 3, [item.key for item in items]  # the demo has work to do
    for item in linked:
        assert f'href="{item.url}"'.replace("&", "&amp;") in page.content.decode(), item.key
        answer = client.get(item.url)
        assert answer.status_code == 200, (role, item.key, item.url, answer.status_code)
        if role == SECRETARIAT:
            assert item.url.startswith("/admin/") or item.key == "members_without_group"
        else:
            assert not item.url.startswith("/admin/"), item.key


@pytest.mark.parametrize("role", ROLES)
def test_every_link_of_the_table_opens_for_its_role(role):
    """Whatever today's data: each check's link answers 200 to its role (an admin filter
    the list does not know would redirect to ?e=1, a portal page it may not see 403)."""
    from finance.models import BudgetYear

    client = _client(role)
    today = timezone.localdate()
    # The budget check counts this year's lines, so its link comes with a budget year (the
    # demo of another test of this module may or may not be there, in random order).
    BudgetYear.objects.get_or_create(year=today.year)
    for check in dashboard.CHECKS:
        if link := check.links.get(role):
            answer = client.get(link.url(today))
            assert answer.status_code == 200, (role, check.key, link.url(today))


def test_the_steering_group_gets_no_link_to_the_claims_it_may_not_decide():
    from tests.finance.factories import ExpenseClaimFactory

    ExpenseClaimFactory()
    steering = _client(STEERING_GROUP)
    (claims,) = [item for item in _items(steering) if item.key == "claims_awaiting"]
    assert claims.url is None
    assert steering.get("/portaal/").status_code == 200
    secretariat = _client(SECRETARIAT)
    (claims,) = [item for item in _items(secretariat) if item.key == "claims_awaiting"]
    assert claims.url.startswith("/admin/finance/expenseclaim/")


def test_dashboard_asks_few_queries_whatever_the_data(django_assert_max_num_queries):
    """Issue 20: one query for every row-count check, one for each of the three other
    checks' selectors (free seats two); the same at 10× the data."""
    from tests.asdg.test_dashboard import grow_everything

    today = timezone.localdate()
    user = UserFactory(role=SECRETARIAT)
    user.has_perm("members.change_member")  # the page loads the permissions anyway
    grow_everything(1)
    with django_assert_max_num_queries(6):
        dashboard.dashboard(today=today, user=user)
    grow_everything(9)
    with django_assert_max_num_queries(6):
        sections = dashboard.dashboard(today=today, user=user)
    assert sum(len(section.items) for section in sections) >= 5


def test_admin_index_with_the_dashboard_asks_at_most_13_queries(django_assert_max_num_queries):
    # Issue 20.2: no BEGIN and COMMIT (it reads only); the app list built once.
    from tests.asdg.test_dashboard import grow_everything

    client = _client(SECRETARIAT)
    grow_everything(10)
    client.get("/admin/")
    with django_assert_max_num_queries(13):
        page = client.get("/admin/")
    assert 'data-item="applications_awaiting_decision"' in page.content.decode()
