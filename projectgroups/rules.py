"""Who may see and do what in a project group (P1–P4), as named predicates.

Views and services ask these; a predicate never decides with a role name alone where a
permission says it (the steering group and the secretariat hold the permissions).
"""

from members.models import Member, User
from projectgroups.models import Participation, ProjectGroup


def member_of(user: User) -> Member | None:
    """The user's own membership, or None (staff accounts often have none)."""
    if not user.is_authenticated:
        return None
    try:
        return user.member
    except Member.DoesNotExist:
        return None


def is_confirmed_member(user: User, group: ProjectGroup) -> bool:
    member = member_of(user)
    return member is not None and (
        Participation.objects.filter(
            group=group, member=member, status=Participation.Status.CONFIRMED
        ).exists()
    )


def can_see_group_members(user: User, group: ProjectGroup) -> bool:
    """Names of the group's members and meeting notes: the group, Stuurgroep, Secretariaat."""
    return user.has_perm("projectgroups.view_participation") or is_confirmed_member(user, group)


def can_edit_way_of_working(user: User, group: ProjectGroup) -> bool:
    """P4: the group organises its own way of working; the steering group may help."""
    return user.has_perm("projectgroups.change_projectgroup") or is_confirmed_member(user, group)


def can_choose_policy_officers(user: User) -> bool:
    """P4, issue 23.6: the officers are chosen from the register, which only the Stuurgroep
    and the Secretariaat see; a member sees only the ones chosen for their own group."""
    return user.has_perm("relations.view_contactperson")


def can_handle_signups(user: User) -> bool:
    return user.has_perm("projectgroups.change_participation")


def can_change_phase(user: User) -> bool:
    return user.has_perm("projectgroups.change_projectgroup")
