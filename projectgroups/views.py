"""Project groups in the member portal (P1–P4) and the steering group's trajectory overview.

Views are thin: the rules live in projectgroups.services and the
predicates in projectgroups.rules.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from advices.models import ORDER, Attachment, Status, Trajectory
from advices.selectors import (
    DEADLINE_WARNING_DAYS,
    advice_capacity,
    deadlines_within,
    trajectories_awaiting_response,
)
from members.shared import add_refusal, error_text, member_of
from projectgroups.forms import TrajectoryFilterForm, WayOfWorkingForm
from projectgroups.models import MAXIMUM_SIZE, Participation, ProjectGroup, next_phase
from projectgroups.rules import (
    can_change_phase,
    can_download_attachment,
    can_edit_way_of_working,
    can_handle_signups,
    can_see_group_members,
    is_confirmed_member,
)
from projectgroups.selectors import signup_refusal
from projectgroups.services import (
    AFTER_THE_RESPONSE,
    participation_confirm,
    participation_decline,
    participation_request,
    projectgroup_set_phase,
    projectgroup_update_way_of_working,
    trajectory_close,
    trajectory_start_monitoring,
)

Phase = ProjectGroup.Phase
ACTIVE = [Participation.Status.REQUESTED, Participation.Status.CONFIRMED]


def _confirmed_count():
    return Count("participations", filter=Q(participations__status=Participation.Status.CONFIRMED))


@login_required
@require_safe
def group_list(request):
    """P1: open groups with a sign-up button; below, the member's own groups."""
    member = member_of(request.user)
    groups = (
        ProjectGroup.objects.filter(open_for_signup=True)
        .exclude(phase=Phase.DISSOLVED)
        .select_related("trajectory")
        .annotate(confirmed_count=_confirmed_count())
        .order_by("trajectory__subject", "pk")
    )
    mine = []
    if member is not None:
        groups = groups.annotate(
            my_status=Subquery(
                Participation.objects.filter(
                    group=OuterRef("pk"), member=member, status__in=ACTIVE
                ).values("status")[:1]
            )
        )
        mine = (
            member.participations.filter(status__in=ACTIVE)
            .select_related("group__trajectory")
            .order_by("group__name", "pk")
        )
    groups = list(groups)
    for group in groups:
        # P2: the offer follows the service's own answer (a full group: no button, the reason).
        group.signup_refusal = signup_refusal(group, confirmed_count=group.confirmed_count)
    context = {
        "groups": groups,
        "mine": mine,
        "member": member,
        "maximum": MAXIMUM_SIZE,
        "Status": Participation.Status,
    }
    return render(request, "projectgroups/list.html", context)


@login_required
@require_POST
def signup(request, pk: int):
    group = get_object_or_404(ProjectGroup, pk=pk)
    member = member_of(request.user)
    if member is None:
        messages.error(request, _("Only members can sign up for a project group."))
        return redirect("projectgroups:list")
    try:
        participation_request(group=group, member=member)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _(
                "You have signed up for “%(group)s”. The steering group will confirm your "
                "participation."
            )
            % {"group": group.name},
        )
    return redirect("projectgroups:list")


def _next_phase(group: ProjectGroup):
    """The phase to offer: not monitoring before the college's response (P3, refused then)."""
    phase = next_phase(group.phase)
    if phase == Phase.MONITORING and group.trajectory.status not in AFTER_THE_RESPONSE:
        return None
    return phase


@login_required
@require_safe
def group_detail(request, pk: int):
    group = get_object_or_404(ProjectGroup.objects.select_related("trajectory"), pk=pk)
    participations = group.participations.select_related("member")
    confirmed = [p for p in participations if p.status == Participation.Status.CONFIRMED]
    requested = [p for p in participations if p.status == Participation.Status.REQUESTED]
    member_of_group = is_confirmed_member(request.user, group)
    sees_members = member_of_group or can_see_group_members(request.user, group)
    next_phase = _next_phase(group)
    context = {
        "group": group,
        "trajectory": group.trajectory,
        "confirmed": confirmed,
        "requested": requested,
        "maximum": MAXIMUM_SIZE,
        "is_group_member": member_of_group,
        "sees_members": sees_members,
        "can_edit_way_of_working": member_of_group or can_edit_way_of_working(request.user, group),
        "can_handle_signups": can_handle_signups(request.user),
        "can_change_phase": can_change_phase(request.user),
        "next_phase": Phase(next_phase) if next_phase else None,
        "meetings": group.meetings.all(),
        # Issue 23.6: names and roles only for the group itself and the steering group.
        "policy_officers": group.policy_officers.select_related("organisation")
        if sees_members
        else [],
        "attachments": group.trajectory.attachments.filter(public=True),
    }
    return render(request, "projectgroups/detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def way_of_working(request, pk: int):
    """P4: the group's confirmed members (and the steering group) record how it works."""
    group = get_object_or_404(ProjectGroup.objects.select_related("trajectory"), pk=pk)
    if not can_edit_way_of_working(request.user, group):
        raise PermissionDenied
    form = WayOfWorkingForm.for_group(
        group, request.POST if request.method == "POST" else None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            projectgroup_update_way_of_working(group=group, by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The way of working has been saved."))
            return redirect("projectgroups:detail", pk=group.pk)
    return render(request, "projectgroups/way_of_working.html", {"group": group, "form": form})


@login_required
@require_POST
@permission_required("projectgroups.change_participation", raise_exception=True)
def confirm(request, pk: int, participation_pk: int):
    """The steering group confirms (P2: at most 10) or declines a sign-up."""
    participation = get_object_or_404(
        Participation.objects.select_related("member", "group"), pk=participation_pk, group_id=pk
    )
    name = str(participation.member)
    try:
        if request.POST.get("decision") == "decline":
            participation_decline(participation=participation, by=request.user)
            messages.success(request, _("%(name)s has not been confirmed.") % {"name": name})
        else:
            participation_confirm(participation=participation, by=request.user)
            messages.success(request, _("%(name)s is now a member of the group.") % {"name": name})
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect("projectgroups:detail", pk=pk)


@login_required
@require_POST
@permission_required("projectgroups.change_projectgroup", raise_exception=True)
def phase(request, pk: int):
    """Move the group to its next phase; P2 refuses advising with fewer than 5 members."""
    group = get_object_or_404(ProjectGroup, pk=pk)
    try:
        group = projectgroup_set_phase(
            group=group, phase=request.POST.get("phase", ""), by=request.user
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("The group's phase is now: %(phase)s.") % {"phase": group.get_phase_display()},
        )
    return redirect("projectgroups:detail", pk=pk)


@login_required
@require_POST
def trajectory_step(request, pk: int):
    """P3: after the college's response, monitoring by the group or the steering group;
    closing the trajectory dissolves the group."""
    group = get_object_or_404(ProjectGroup, pk=pk)
    action = request.POST.get("action")
    try:
        if action in ("monitor_group", "monitor_steering"):
            group = trajectory_start_monitoring(
                group=group, by=request.user, by_steering_group=action == "monitor_steering"
            )
        elif action == "close":
            group = trajectory_close(group=group, by=request.user)
        else:
            raise ValidationError(_("Choose what happens with the trajectory."))
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("The trajectory is now: %(status)s.")
            % {"status": group.trajectory.get_status_display()},
        )
    return redirect("projectgroups:detail", pk=pk)


# --- The steering group's overview of all trajectories (A5) ----------------------------


def trajectories_for_overview(*, status: str = ""):
    queryset = Trajectory.objects.select_related("project_group").annotate(
        group_size=Count(
            "project_group__participations",
            filter=Q(project_group__participations__status=Participation.Status.CONFIRMED),
        )
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("deadline", "-received_on", "pk")


def _status_position(status: str) -> int:
    return ORDER.index(status) if status in ORDER else len(ORDER)


@login_required
@require_safe
@permission_required("advices.view_trajectory", raise_exception=True)
def trajectories(request):
    form = TrajectoryFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    today = timezone.localdate()
    # The flags come from the advices selectors, so the overview and the admin agree.
    deadline_flagged = set(deadlines_within(today=today).values_list("pk", flat=True))
    overdue = set(trajectories_awaiting_response(today=today).values_list("pk", flat=True))
    rows = []
    for trajectory in trajectories_for_overview(status=status):
        flagged = trajectory.pk in deadline_flagged
        rows.append(
            {
                "trajectory": trajectory,
                "group": getattr(trajectory, "project_group", None),
                "deadline_passed": flagged and trajectory.deadline < today,
                "deadline_near": flagged and trajectory.deadline >= today,
                # A3: the college has not responded within the configured weeks.
                "response_overdue": trajectory.pk in overdue,
            }
        )
    rows.sort(key=lambda row: _status_position(row["trajectory"].status))
    counts = dict(
        Trajectory.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    context = {
        "form": form,
        "status": status,
        "rows": rows,
        "counts": [(value, label, counts.get(value, 0)) for value, label in Status.choices],
        "reminder_weeks": settings.ASDG_RESPONSE_REMINDER_WEEKS,
        "warning_days": DEADLINE_WARNING_DAYS,
        "capacity": advice_capacity(year=timezone.localdate().year),
    }
    return render(request, "projectgroups/trajectories.html", context)


@require_safe
@login_required
def attachment_download(request, pk):
    """A trajectory's document: public ones for every logged-in user, others for the group
    (confirmed members), the steering group and the secretariat."""
    attachment = get_object_or_404(Attachment.objects.select_related("trajectory"), pk=pk)
    if not can_download_attachment(request.user, attachment):
        raise PermissionDenied
    extension = attachment.file.name.rsplit(".", 1)[-1]
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=f"{attachment.title}.{extension}",
        content_type=attachment.content_type,
    )
