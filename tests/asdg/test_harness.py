"""The harness helpers themselves: they must pass good pages and catch bad ones."""

import pytest
from django.http import HttpResponse

from members.models import User
from tests.harness import assert_queries_flat
from tests.members.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_assert_queries_flat_passes_the_user_list_in_the_admin(secretariat_client):
    assert_queries_flat(
        lambda: secretariat_client.get("/admin/members/user/"),
        lambda n: UserFactory.create_batch(n, role="Lid"),
    )


def test_assert_queries_flat_catches_a_query_per_row():
    def n_plus_one():
        names = [", ".join(g.name for g in user.groups.all()) for user in User.objects.all()]
        return HttpResponse(str(names))

    with pytest.raises(AssertionError, match="queries grew with the data"):
        assert_queries_flat(n_plus_one, lambda n: UserFactory.create_batch(n))
