"""The three roles, as Django groups, and the permissions each one carries.

The groups are created by a data migration (members 0002); their permissions are
kept in step with this module after every migrate (asdg.apps), so a model added by
a later issue is covered without a hand-written migration per model.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

SECRETARIAT = "Secretariaat"
STEERING_GROUP = "Stuurgroep"
MEMBER = "Lid"
ROLES = [SECRETARIAT, STEERING_GROUP, MEMBER]

# Our apps: the secretariat keeps everything in them through the admin.
DOMAIN_APPS = [
    "organisation", "members", "steering", "projectgroups", "advices", "finance", "public"
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
    # Issue 8: the steering group writes and publishes the annual report's foreword.
    "add_annualreport",
    "change_annualreport",
]


def role_permissions(role: str, *, using: str = "default"):
    """The permissions a role should have, as a queryset."""
    permissions = Permission.objects.using(using).select_related("content_type")
    if role == SECRETARIAT:
        extra = Permission.objects.none()
        for app_label, codenames in SECRETARIAT_EXTRA.items():
            extra |= permissions.filter(content_type__app_label=app_label, codename__in=codenames)
        return permissions.filter(content_type__app_label__in=DOMAIN_APPS) | extra
    if role == STEERING_GROUP:
        # Narrower rights: read everything in our apps; later issues add what the
        # steering group decides (admissions, project groups, meetings).
        return permissions.filter(
            content_type__app_label__in=DOMAIN_APPS, codename__startswith="view_"
        ).exclude(content_type__app_label="organisation") | permissions.filter(
            codename__in=STEERING_GROUP_DECISIONS
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
