"""Issue 15.4: only a superuser grants roles and rights in the user admin.

The secretariat has members.change_user; before, it could tick is_superuser on its own
account. Now the privilege fields are read-only for it and a crafted POST changes none.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from members.models import User
from members.roles import MEMBER, SECRETARIAT, STEERING_GROUP
from tests.harness import login_verified
from tests.members.factories import UserFactory

pytestmark = pytest.mark.django_db


def _change_url(user):
    return f"/admin/members/user/{user.pk}/change/"


def _escalation_post(user) -> dict:
    """What the change form sends, plus every privilege a crafted POST could ask for."""
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": "Nieuwe naam",
        "is_active": "on",
        "mail_preference": user.mail_preference,
        "is_staff": "on",
        "is_superuser": "on",
        "groups": [str(group.pk) for group in Group.objects.all()],
        "user_permissions": [str(pk) for pk in Permission.objects.values_list("pk", flat=True)],
    }


@pytest.fixture
def secretary():
    user = UserFactory(role=SECRETARIAT)
    user.client = login_verified(Client(), user)
    return user


def _privileges(user):
    user.refresh_from_db()
    return (
        user.is_staff,
        user.is_superuser,
        sorted(user.groups.values_list("name", flat=True)),
        user.user_permissions.count(),
    )


def test_secretariat_sees_the_privilege_fields_read_only(secretary):
    member = UserFactory(role=MEMBER)
    page = secretary.client.get(_change_url(member)).content.decode()
    for field in ("is_superuser", "groups", "user_permissions", "is_staff"):
        assert f'name="{field}"' not in page, field
    assert 'name="last_name"' in page


@pytest.mark.parametrize("target", ["self", "member"])
def test_secretariat_cannot_escalate_with_a_crafted_post(secretary, target):
    user = secretary if target == "self" else UserFactory(role=MEMBER)
    before = _privileges(user)
    response = secretary.client.post(_change_url(user), _escalation_post(user))
    assert response.status_code == 302, response.context and response.context["errors"]
    assert _privileges(user) == before
    user.refresh_from_db()
    assert user.last_name == "Nieuwe naam"  # the fields it may change are saved


def test_secretariat_cannot_take_over_a_superusers_account(secretary):
    root = User.objects.create_superuser("root@example.org", "x-password-1")
    response = secretary.client.post(
        _change_url(root), {**_escalation_post(root), "email": "sec-eigen@example.org"}
    )
    assert response.status_code == 403
    response = secretary.client.get(f"/admin/members/user/{root.pk}/password/")
    assert response.status_code == 403
    root.refresh_from_db()
    assert root.email == "root@example.org"


def test_a_superuser_grants_roles():
    root = User.objects.create_superuser("root@example.org", "x-password-1")
    client = login_verified(Client(), root)
    user = UserFactory(role=MEMBER)
    data = {
        **_escalation_post(user),
        "is_superuser": "",
        "groups": [str(Group.objects.get(name=STEERING_GROUP).pk)],
        "user_permissions": [],
    }
    response = client.post(_change_url(user), data)
    assert response.status_code == 302
    assert _privileges(user) == (True, False, [STEERING_GROUP], 0)
