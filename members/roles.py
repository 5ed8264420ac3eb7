"""The three roles, as Django groups, and the permissions each one carries.

The groups are created by a data migration (members 0002); their permissions are
kept in step with this module after every migrate (asdg.apps), so a model added by
a later issue is covered without a hand-written migration per model.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

SECRETARIAT = "Secretariaat"
STEERING_GROUP = "Stuurgroep"
MEMBER = "Lid"
ROLES = [SECRETARIAT, STEERING_GROUP, MEMBER]

# Our apps: the secretariat keeps everything in them through the admin.
DOMAIN_APPS = [
    "organisation", "members", "relations", "steering", "projectgroups", "advices", "finance",
    "public",
]  # fmt: skip
# What the secretariat may do outside our apps: see the groups, unlock locked-out
# accounts (django-axes) and manage staff's second-factor devices (django-otp).
SECRETARIAT_EXTRA = {
    "auth": ["view_group"],
    "axes": ["view_accessattempt", "delete_accessattempt", "view_accesslog"],
    "otp_totp": ["view_totpdevice", "delete_totpdevice"],
    "otp_static": ["view_staticdevice", "delete_staticdevice"],
}
# Custom permissions (Meta.permissions) the steering group holds; filled by later issues.
STEERING_GROUP_DECISIONS: list[str] = [
    "decide_application",
    # P1: the steering group sets up project groups and confirms their members.
    "add_projectgroup",
    "change_projectgroup",
    "change_participation",
    # Subjects from members (Wmo 2015 art. 2.1.3 lid 3): the steering group schedules or declines.
    "answer_subjectproposal",
    # DESIGN 5: the steering group organises the plenaries and sends their invitations.
    "send_invitation",
    # Issue 17.5: and chairs them: marks who is present, opens and closes votes in the room.
    "chair_vote",
    # Issue 8: the steering group writes and publishes the annual report's foreword.
    "add_annualreport",
    "change_annualreport",
]
# Issue 23.6: the steering group keeps the register of relations and the contact log (S4:
# relations with council, alderman and officials, aligning with other participation
# forms). Per app, because "change_organisation" also names the organisation app's row.
STEERING_GROUP_RELATIONS = {
    "relations": [
        "add_organisation", "change_organisation", "add_contactperson", "change_contactperson"
    ],
    "steering": ["add_contactlogentry", "change_contactlogentry"],
}  # fmt: skip


def _per_app(permissions, codenames_per_app: dict[str, list[str]]):
    chosen = permissions.none()
    for app_label, codenames in codenames_per_app.items():
        chosen |= permissions.filter(content_type__app_label=app_label, codename__in=codenames)
    return chosen


def role_permissions(role: str, *, using: str = "default"):
    """The permissions a role should have, as a queryset."""
    permissions = Permission.objects.using(using).select_related("content_type")
    if role == SECRETARIAT:
        extra = _per_app(permissions, SECRETARIAT_EXTRA)
        return permissions.filter(content_type__app_label__in=DOMAIN_APPS) | extra
    if role == STEERING_GROUP:
        # Narrower rights: read everything in our apps; later issues add what the
        # steering group decides (admissions, project groups, meetings).
        return (
            permissions.filter(
                content_type__app_label__in=DOMAIN_APPS, codename__startswith="view_"
            ).exclude(content_type__app_label="organisation")
            | permissions.filter(codename__in=STEERING_GROUP_DECISIONS)
            | _per_app(permissions, STEERING_GROUP_RELATIONS)
        )
    return Permission.objects.using(using).none()


@transaction.atomic
def sync_role_permissions(*, using: str = "default") -> None:
    for role in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set(role_permissions(role, using=using))


def user_has_role(user, role: str) -> bool:
    if not user.is_authenticated:
        return False
    return any(group.name == role for group in user.groups.all())


# Issue 18.3: Django stores a permission's name in English ("Can add advice"); the admin
# shows it in Dutch, from the model's name and the kind of right.
PERMISSION_ACTIONS = {
    "add": gettext_lazy("add"),
    "change": gettext_lazy("change"),
    "delete": gettext_lazy("delete"),
    "view": gettext_lazy("view"),
}


def permission_label(permission: Permission) -> str:
    """ "Adviezen | advies | toevoegen": app, model and right, in the active language."""
    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:
        return str(permission)
    action, _sep, model_name = permission.codename.partition("_")
    if action in PERMISSION_ACTIONS and model_name == model._meta.model_name:
        right = PERMISSION_ACTIONS[action]
    else:
        right = gettext(permission.name)  # our own rights are msgids (Meta.permissions)
    app = apps.get_app_config(content_type.app_label).verbose_name
    return f"{app} | {model._meta.verbose_name} | {right}"
