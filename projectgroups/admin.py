"""Project groups in the admin (P1–P4): phases and confirmations go through the services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advices.admin import TrajectoryAdmin
from advices.choosers import TrajectoryChoiceField, newest_first
from advices.models import Status, Trajectory
from members.admin import MemberAdmin
from members.models import Member
from members.shared import LabelledInlineFormSet, ReadOnlyInlineMixin, error_text
from projectgroups.models import GroupMeeting, Participation, ProjectGroup
from projectgroups.models import next_phase as phase_after
from projectgroups.selectors import members_without_projectgroup
from projectgroups.services import (
    participation_confirm,
    projectgroup_create,
    projectgroup_set_phase,
    trajectory_close,
    trajectory_start_monitoring,
)

Phase = ProjectGroup.Phase


class ParticipationInline(ReadOnlyInlineMixin, admin.TabularInline):
    """Read-only: members sign up in the portal and leave through the services; the
    action "Confirm the sign-ups" confirms them (P2)."""

    model = Participation
    fields = ["member", "status", "requested_at", "confirmed_by", "confirmed_on", "left_on"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member", "confirmed_by", "group")


class GroupMeetingInline(admin.TabularInline):
    model = GroupMeeting
    formset = LabelledInlineFormSet
    fields = ["starts_at", "place", "notes"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("group")


class ProjectGroupForm(forms.ModelForm):
    class Meta:
        model = ProjectGroup
        fields = [
            "trajectory", "name", "open_for_signup", "workload", "meeting_rhythm",
            "way_of_working", "external_support_hours", "policy_officers",
            "monitoring_by_steering_group",
        ]  # fmt: skip
        field_classes = {"trajectory": TrajectoryChoiceField}  # issue 18.5: with its date

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "trajectory" in self.fields:
            # P1: one group per trajectory, around an open one.
            self.fields["trajectory"].queryset = newest_first(
                Trajectory.objects.filter(project_group__isnull=True).exclude(
                    status__in=[Status.CLOSED, Status.WITHDRAWN]
                )
            )


@admin.register(ProjectGroup)
class ProjectGroupAdmin(admin.ModelAdmin):
    form = ProjectGroupForm
    list_display = [
        "name", "trajectory", "phase", "members", "open_for_signup", "monitoring_by_steering_group",
    ]  # fmt: skip
    list_filter = ["phase", "open_for_signup", "monitoring_by_steering_group"]
    search_fields = ["name", "trajectory__subject"]
    list_select_related = ["trajectory"]
    readonly_fields = ["phase", "dissolved_on", "created_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["trajectory", "name", "phase", "open_for_signup"]}),
        (_("For members signing up"), {"fields": ["workload", "meeting_rhythm"]}),
        (
            _("Way of working and support (P4)"),
            {"fields": ["way_of_working", "external_support_hours", "policy_officers"]},
        ),
        (
            _("After the advice (P3)"),
            {
                "fields": [
                    "monitoring_by_steering_group",
                    "dissolved_on",
                    "created_by",
                    "created_at",
                ]
            },
        ),
    ]
    inlines = [ParticipationInline, GroupMeetingInline]
    actions = ["next_phase", "confirm_signups"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_count=Count(
                    "participations",
                    filter=Q(participations__status=Participation.Status.CONFIRMED),
                )
            )
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "trajectory"] if obj else fields

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    @admin.display(description=_("members"), ordering="confirmed_count")
    def members(self, obj):
        return obj.confirmed_count

    def save_model(self, request, obj, form, change):
        if change:
            # Only what the form changed: a phase set meanwhile by a service stays.
            # The policy officers (many-to-many) are saved by save_related.
            changed = [name for name in form.changed_data if name != "policy_officers"]
            if changed:
                obj.save(update_fields=changed)
            return
        data = {
            k: v for k, v in form.cleaned_data.items() if k not in ("trajectory", "policy_officers")
        }
        created = projectgroup_create(
            trajectory=form.cleaned_data["trajectory"],
            by=request.user,
            data=data,
            policy_officers=form.cleaned_data.get("policy_officers") or (),
        )
        obj.pk = created.pk
        obj.created_by = created.created_by
        obj._state.adding = False
        obj._state.db = created._state.db

    @admin.action(description=_("Move to the next phase"), permissions=["change"])
    def next_phase(self, request, queryset):
        for group in queryset.order_by("pk"):
            if group.phase == Phase.DISSOLVED:
                self.message_user(
                    request, gettext("%(group)s: already dissolved.") % {"group": group},
                    messages.ERROR,
                )  # fmt: skip
                continue
            phase = phase_after(group.phase)
            try:
                projectgroup_set_phase(group=group, phase=phase, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{group}: {error_text(error)}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("%(group)s: now “%(phase)s”.")
                    % {"group": group, "phase": Phase(phase).label},
                )

    @admin.action(description=_("Confirm the sign-ups (P2: at most 10)"), permissions=["change"])
    def confirm_signups(self, request, queryset):
        pending = Participation.objects.filter(
            group__in=queryset, status=Participation.Status.REQUESTED
        ).select_related("member", "group")
        confirmed = 0
        for participation in pending.order_by("requested_at", "pk"):
            try:
                participation_confirm(participation=participation, by=request.user)
            except PermissionDenied:
                self.message_user(request, gettext("You may not confirm sign-ups."), messages.ERROR)
                return
            except ValidationError as error:
                self.message_user(
                    request,
                    f"{participation.member} ({participation.group}): {error_text(error)}",
                    messages.ERROR,
                )
            else:
                confirmed += 1
        self.message_user(request, gettext("%(count)d sign-ups confirmed.") % {"count": confirmed})


class WithoutProjectGroupFilter(admin.SimpleListFilter):
    """M8: members who took part in no project group this calendar year."""

    title = _("project group (M8)")
    parameter_name = "m8"

    def lookups(self, request, model_admin):
        return [("none", _("None this year"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            year = timezone.localdate().year
            return queryset.filter(pk__in=members_without_projectgroup(year=year).values("pk"))
        return queryset


class RegisterAdmin(MemberAdmin):
    """The register, with the M8 filter this app knows about (members cannot import it)."""

    list_filter = [*MemberAdmin.list_filter, WithoutProjectGroupFilter]


admin.site.unregister(Member)
admin.site.register(Member, RegisterAdmin)


class TrajectoryWithGroupAdmin(TrajectoryAdmin):
    """The trajectory admin, aware of the project group (advices cannot import this app):
    monitoring and closing from the admin take the group along (P3), and the flow's
    step "project group formed" is the group's set-up (P1)."""

    def flow_form_class(self, trajectory, step):
        if step == Status.GROUP_FORMED:
            return None  # P1: setting up the group moves the trajectory on
        return super().flow_form_class(trajectory, step)

    def flow_needs(self, trajectory, step):
        needs = super().flow_needs(trajectory, step)
        if step == Status.GROUP_FORMED:
            url = reverse("admin:projectgroups_projectgroup_add") + f"?trajectory={trajectory.pk}"
            needs = {
                "text": gettext(
                    "P1: the steering group sets up a project group around this trajectory; "
                    "setting it up moves the trajectory to this step."
                ),
                "links": [{"url": url, "text": gettext("Set up the project group")}],
            }
        elif step == Status.DRAFTING:
            needs["text"] = gettext(
                "The project group's first draft, saved in the portal, moves the trajectory "
                "to this step; or move it here."
            )
        return needs

    def flow_take(self, request, trajectory, step, form):
        group = ProjectGroup.objects.filter(trajectory=trajectory).first()
        if group is None or step not in (Status.MONITORING, Status.CLOSED):
            return super().flow_take(request, trajectory, step, form)
        if step == Status.MONITORING:
            trajectory_start_monitoring(group=group, by=request.user, by_steering_group=False)
        else:
            trajectory_close(group=group, by=request.user)
        return gettext("%(trajectory)s: moved to “%(step)s”; the project group follows.") % {
            "trajectory": trajectory,
            "step": Status(step).label,
        }

    def _advance_one(self, request, trajectory, step, data):
        group = ProjectGroup.objects.filter(trajectory=trajectory).first()
        if group is None or step not in (Status.MONITORING, Status.CLOSED):
            return super()._advance_one(request, trajectory, step, data)
        try:
            if step == Status.MONITORING:
                trajectory_start_monitoring(group=group, by=request.user, by_steering_group=False)
            else:
                trajectory_close(group=group, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", [])) or gettext("Not allowed.")
            self.message_user(request, f"{trajectory}: {text}", messages.ERROR)
        else:
            self.message_user(
                request,
                gettext("%(trajectory)s: moved to “%(step)s”; the project group follows.")
                % {"trajectory": trajectory, "step": Status(step).label},
            )


admin.site.unregister(Trajectory)
admin.site.register(Trajectory, TrajectoryWithGroupAdmin)
