"""Who may see and do what in a project group (P1–P4), as named predicates.

Views and services ask these; a predicate never decides with a role name alone where a
permission says it (the steering group and the secretariat hold the permissions).
"""

from advices.models import Attachment
from members.models import User
from members.shared import member_of
from projectgroups.models import Participation, ProjectGroup


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


def can_download_attachment(user: User, attachment: Attachment) -> bool:
    """A trajectory's document: public ones for every logged-in user, others for the group
    (confirmed members), the steering group and the secretariat (advices.view_attachment)."""
    if attachment.public or user.has_perm("advices.view_attachment"):
        return True
    group = ProjectGroup.objects.filter(trajectory_id=attachment.trajectory_id).first()
    return group is not None and is_confirmed_member(user, group)


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


# --- Drafting the advice: the steering group reads along, and judges at the plenary ---


def can_edit_draft(user: User, group: ProjectGroup) -> bool:
    """Edit, comment and mark ready: the group's confirmed members and the secretariat."""
    if not user.is_authenticated:
        return False
    return user.has_perm("advices.change_advice") or is_confirmed_member(user, group)


def can_read_draft(user: User, group: ProjectGroup) -> bool:
    """Read the draft, its comments and its versions: also the steering group."""
    if not user.is_authenticated:
        return False
    return user.has_perm("advices.view_advice") or can_edit_draft(user, group)
