"""Issue 20.2: the admin's member list costs the same whatever the number of members."""

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.urls import reverse

from members.models import Member
from tests.harness import assert_queries_flat
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:members_member_changelist")


def test_member_list_queries_stay_flat_as_members_grow(secretariat_client):
    # 12 members, then 120: past one page, with every column and filter shown.
    assert_queries_flat(
        lambda: secretariat_client.get(CHANGELIST), lambda n: MemberFactory.create_batch(12 * n)
    )


def test_member_list_shows_each_member_with_its_selection_box(secretariat_client):
    members = MemberFactory.create_batch(3)
    page = secretariat_client.get(CHANGELIST).content.decode()
    for member in members:
        assert f'name="_selected_action" value="{member.pk}"' in page
        assert member.last_name in page


def test_the_plain_selection_box_is_the_one_django_renders():
    member = MemberFactory(first_name="Anna", last_name="O'Neill & Zn")
    model_admin = admin.site._registry[Member]
    assert model_admin.action_checkbox(member) == ModelAdmin.action_checkbox(model_admin, member)
