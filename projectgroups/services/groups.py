"""Project groups (P1–P4): set-up, sign-up, confirmation with the 5–10 rule, phases, and
the group's own way of working (P4)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advices.models import Status, Trajectory
from advices.services import trajectory_advance
from members.models import Member, User
from members.services import member_ensure_not_ending
from projectgroups.models import MAXIMUM_SIZE, MINIMUM_SIZE, Participation, ProjectGroup
from projectgroups.rules import (
    can_choose_policy_officers,
    can_edit_way_of_working,
    can_handle_signups,
)
from projectgroups.selectors import signup_refusal

Phase = ProjectGroup.Phase
AFTER_THE_RESPONSE = (Status.RESPONDED, Status.MONITORING, Status.CLOSED)
WAY_OF_WORKING_FIELDS = ["way_of_working", "external_support_hours"]


def _confirmed(group: ProjectGroup):
    return group.participations.filter(status=Participation.Status.CONFIRMED)


@transaction.atomic
def projectgroup_create(
    *, trajectory: Trajectory, by: User, data: dict, policy_officers=()
) -> ProjectGroup:
    """P1: the steering group sets up a group around one trajectory; the trajectory moves on.
    P4: the policy officers it calls on are contact persons of the register (issue 23.3)."""
    if not by.has_perm("projectgroups.add_projectgroup"):
        raise PermissionDenied
    group = ProjectGroup(trajectory=trajectory, created_by=by, **data)
    group.full_clean(exclude=["trajectory", "created_by"])
    group.save()
    group.policy_officers.set(policy_officers)
    if trajectory.status == Status.RECEIVED:
        trajectory_advance(trajectory=trajectory, to=Status.GROUP_FORMED, by=by)
    return group


@transaction.atomic
def participation_request(*, group: ProjectGroup, member: Member) -> Participation:
    """A member signs up for an open group; the steering group confirms."""
    group = ProjectGroup.objects.select_for_update().get(pk=group.pk)
    if member.ended_on is not None:
        raise ValidationError(_("Only sitting members can join a project group."))
    # M5: a member marked to end takes up no new group (locked: a declaration may race).
    member_ensure_not_ending(member=Member.objects.select_for_update().get(pk=member.pk))
    # P2: the same answer as the portal's offer (a full group shows no sign-up button).
    refusal = signup_refusal(group, confirmed_count=_confirmed(group).count())
    if refusal is not None:
        raise ValidationError(str(refusal))
    if group.participations.filter(
        member=member, status__in=[Participation.Status.REQUESTED, Participation.Status.CONFIRMED]
    ).exists():
        raise ValidationError(_("You have already signed up for this project group."))
    return Participation.objects.create(group=group, member=member)


@transaction.atomic
def participation_confirm(*, participation: Participation, by: User) -> Participation:
    """Confirm a member; P2: at most 10 while thinking along or advising, also under races."""
    if not by.has_perm("projectgroups.change_participation"):
        raise PermissionDenied
    participation = Participation.objects.select_related("group").get(pk=participation.pk)
    # Lock the group: two confirmations at once cannot both pass the count below.
    group = ProjectGroup.objects.select_for_update().get(pk=participation.group_id)
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if participation.status != Participation.Status.REQUESTED:
        raise ValidationError(_("This sign-up has already been handled."))
    member_ensure_not_ending(  # M5: marked to end since the sign-up
        member=Member.objects.select_for_update().get(pk=participation.member_id)
    )
    if group.phase in (Phase.THINKING_ALONG, Phase.ADVISING) and (
        _confirmed(group).count() >= MAXIMUM_SIZE
    ):
        raise ValidationError(
            # P2
            _("A project group has at most %(max)s members; this one is full.")
            % {"max": MAXIMUM_SIZE}
        )
    participation.status = Participation.Status.CONFIRMED
    participation.confirmed_by = by
    participation.confirmed_on = timezone.localdate()
    participation.save()
    return participation


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


@transaction.atomic
def participation_leave(*, participation: Participation) -> Participation:
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if participation.status != Participation.Status.CONFIRMED:
        raise ValidationError(_("Only a confirmed member can leave the group."))
    participation.status = Participation.Status.LEFT
    participation.left_on = timezone.localdate()
    participation.save()
    return participation


@transaction.atomic
def projectgroup_set_phase(*, group: ProjectGroup, phase: str, by: User) -> ProjectGroup:
    """Phases in order; advising needs 5–10 members (P2), monitoring may be smaller (P3)."""
    if not by.has_perm("projectgroups.change_projectgroup"):
        raise PermissionDenied
    group = ProjectGroup.objects.select_for_update().get(pk=group.pk)
    order = list(Phase)
    if phase not in order or order.index(phase) <= order.index(group.phase):
        raise ValidationError(_("A project group moves on: thinking along, advising, monitoring."))
    # P3: a group lives as long as the advice request; only afterwards (the college has
    # responded) may it continue, smaller, to monitor. Before that, P2's 5–10 holds.
    if phase == Phase.MONITORING and group.trajectory.status not in AFTER_THE_RESPONSE:
        raise ValidationError(
            # P3
            _("A project group monitors only after the college's response to its advice.")
        )
    size = _confirmed(group).count()
    if phase == Phase.ADVISING and not MINIMUM_SIZE <= size <= MAXIMUM_SIZE:
        raise ValidationError(
            # P2
            _("Advising needs %(min)s to %(max)s members; this group has %(size)s.")
            % {"min": MINIMUM_SIZE, "max": MAXIMUM_SIZE, "size": size}
        )
    group.phase = phase
    if phase == Phase.DISSOLVED:
        group.dissolved_on = timezone.localdate()
        group.open_for_signup = False
    group.save()
    return group


@transaction.atomic
def trajectory_start_monitoring(
    *, group: ProjectGroup, by: User, by_steering_group: bool
) -> ProjectGroup:
    """P3: after the college's response the group monitors, smaller if it likes, or hands
    monitoring to the steering group and is dissolved."""
    if not by.has_perm("projectgroups.change_projectgroup"):
        raise PermissionDenied
    group = ProjectGroup.objects.select_for_update().get(pk=group.pk)
    group.trajectory = trajectory_advance(trajectory=group.trajectory, to=Status.MONITORING, by=by)
    if by_steering_group:
        group.monitoring_by_steering_group = True
        group.phase = Phase.DISSOLVED
        group.dissolved_on = timezone.localdate()
        group.open_for_signup = False
    else:
        group.phase = Phase.MONITORING
    group.save()
    return group


@transaction.atomic
def trajectory_close(*, group: ProjectGroup, by: User) -> ProjectGroup:
    """Closing the trajectory ends the group's work: it is dissolved."""
    if not by.has_perm("projectgroups.change_projectgroup"):
        raise PermissionDenied
    group = ProjectGroup.objects.select_for_update().get(pk=group.pk)
    group.trajectory = trajectory_advance(trajectory=group.trajectory, to=Status.CLOSED, by=by)
    if group.phase != Phase.DISSOLVED:
        group.phase = Phase.DISSOLVED
        group.dissolved_on = timezone.localdate()
        group.open_for_signup = False
        group.save()
    return group


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
