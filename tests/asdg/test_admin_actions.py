"""Issue 15.8: every admin action declares the permissions it needs.

Django offers an action without `permissions` to everyone who opens the list; a crafted
POST then runs it. The read-only Stuurgroep exported the whole register that way.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.members.factories import MemberFactory


def _actions():
    for model, model_admin in admin.site._registry.items():
        for func, name, _description in model_admin._get_base_actions():
            yield model._meta.label_lower, name, func


def test_every_admin_action_declares_its_permissions():
    undeclared = [
        f"{label}: {name}"
        for label, name, func in _actions()
        if not getattr(func, "allowed_permissions", None)
    ]
    assert not undeclared, f"admin actions without permissions=[...]: {undeclared}"


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["export_csv", "export_xlsx"])
def test_steering_group_cannot_export_the_register_with_a_crafted_post(steering_client, action):
    member = MemberFactory(last_name="Registerlid")
    url = reverse("admin:members_member_changelist")
    response = steering_client.post(
        url, {"action": action, "_selected_action": [member.pk], "index": "0"}
    )
    # The list again (the action is not offered to it), never a file with the register.
    assert response.status_code in (200, 302)
    assert response.headers["Content-Type"].startswith("text/html")
    assert "attachment" not in response.headers.get("Content-Disposition", "")
