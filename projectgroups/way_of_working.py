"""P4: a project group records its own way of working; the steering group declines sign-ups."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import User
from projectgroups.models import Participation, ProjectGroup
from projectgroups.rules import (
    can_choose_policy_officers,
    can_edit_way_of_working,
    can_handle_signups,
)

WAY_OF_WORKING_FIELDS = ["way_of_working", "external_support_hours"]


@transaction.atomic
def projectgroup_update_way_of_working(
    *, group: ProjectGroup, by: User, data: dict
) -> ProjectGroup:
    """P4: only the group's confirmed members, the Stuurgroep or the Secretariaat.

    The policy officers come from the register of relations (issue 23.3); only who sees
    the register (the Stuurgroep, the Secretariaat) chooses them.
    """
    group = ProjectGroup.objects.select_for_update().get(pk=group.pk)
    if not can_edit_way_of_working(by, group):
        raise PermissionDenied
    if "policy_officers" in data and not can_choose_policy_officers(by):
        raise PermissionDenied
    if group.phase == ProjectGroup.Phase.DISSOLVED:
        raise ValidationError(_("This project group has been dissolved; it no longer changes."))
    for field in WAY_OF_WORKING_FIELDS:
        if field in data:
            value = data[field]
            setattr(group, field, value.strip() if isinstance(value, str) else value)
    group.full_clean(exclude=["trajectory", "created_by"])
    group.save(update_fields=WAY_OF_WORKING_FIELDS)
    if "policy_officers" in data:
        group.policy_officers.set(data["policy_officers"])
    return group


@transaction.atomic
def participation_decline(*, participation: Participation, by: User) -> Participation:
    """The steering group does not confirm a sign-up; the member may sign up again later."""
    if not can_handle_signups(by):
        raise PermissionDenied
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if participation.status != Participation.Status.REQUESTED:
        raise ValidationError(_("This sign-up has already been handled."))
    participation.status = Participation.Status.DECLINED
    participation.save(update_fields=["status"])
    return participation
