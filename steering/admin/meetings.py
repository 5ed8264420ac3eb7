"""Admin of plenary meetings, consultations, agendas to watch, subjects and training (S5–S8).

A meeting is planned through meeting_plan (agenda with the steering report, every sitting
member invited), decisions are recorded through decision_record, attendance through the
meeting's page "Record attendance" (attendance_record), and minutes are approved through
minutes_approve: no status or count is typed in a bare field.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from advices.choosers import (
    TrajectoryChoiceField,
    TrajectoryMultipleChoiceField,
    newest_first,
)
from advices.models import Status as TrajectoryStatus
from advices.models import Trajectory
from members.formats import MONEY_FORMFIELD_OVERRIDES, format_money
from members.shared import (
    LabelledInlineFormSet,
    ReadOnlyInlineMixin,
    YearFilter,
    add_refusal,
    error_text,
)
from steering.meeting_forms import AttendanceForm
from steering.models import (
    AgendaItem,
    Consultation,
    Decision,
    PlenaryMeeting,
    SubjectProposal,
    TrainingActivity,
    WatchItem,
)
from steering.selectors.meetings import (
    consultation_gaps,
    local_date,
    plenary_year_warning,
    sitting_members_on,
)
from steering.services.invitations import (
    changes_since_last_mailing,
    invitation_preview,
    meeting_invitation_send,
    meeting_supplement_send,
)
from steering.services.meetings import (
    agenda_item_delete,
    attendance_record,
    decision_record,
    meeting_cancel,
    meeting_invite_missing,
    meeting_move_check,
    meeting_plan,
    minutes_approval_check,
    minutes_approve,
)

CHANGE_LIST = "admin/steering/meetings/change_list.html"
CHANGE_FORM = "admin/steering/meetings/change_form.html"


class AgendaFormSet(LabelledInlineFormSet):
    """S6: the steering group's report stays on the agenda: not deleted, not re-kinded."""

    def clean(self):
        super().clean()
        for form in self.forms:
            instance = form.instance
            if not instance.pk or instance.kind != AgendaItem.Kind.STEERING_REPORT:
                continue
            original = AgendaItem.objects.get(pk=instance.pk)
            if original.kind != AgendaItem.Kind.STEERING_REPORT:
                continue
            if self._should_delete_form(form) or (
                form.cleaned_data.get("kind") != AgendaItem.Kind.STEERING_REPORT
            ):
                raise ValidationError(  # S6
                    gettext(
                        "The report of the steering group is on every agenda; it cannot be removed."
                    )
                )


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    formset = AgendaFormSet
    fields = ["position", "kind", "title", "description", "trajectory", "subject", "papers"]
    readonly_fields = ["subject", "papers"]
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "trajectory":
            # An item carries the draft of an advice still being written; an item that
            # carried one keeps it, whatever became of the advice since.
            kwargs["queryset"] = newest_first(
                Trajectory.objects.filter(
                    Q(status=TrajectoryStatus.DRAFTING) | Q(agenda_items__isnull=False)
                ).distinct()
            )
            kwargs["form_class"] = TrajectoryChoiceField  # issue 18.5: with its date
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(paper_count=Count("papers"))

    @admin.display(description=_("papers"))
    def papers(self, obj):
        if not (obj and obj.pk):
            return "—"
        url = reverse("admin:steering_agendaitem_change", args=[obj.pk])
        count = getattr(obj, "paper_count", None)
        count = obj.papers.count() if count is None else count
        return format_html(
            '<a href="{}">{}</a>', url, gettext("Papers (%(count)s)") % {"count": count}
        )


class DecisionInline(ReadOnlyInlineMixin, admin.TabularInline):
    """Decisions, read-only here: recorded through "Decisions → Add" (decision_record)."""

    model = Decision
    fields = ["proposal", "votes_for", "votes_against", "abstentions", "adopted", "trajectory"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("trajectory", "meeting")


# --- Plenary meetings ---------------------------------------------------------------------


# One labelled input (the admin's split date/time pair has no label per input: WCAG 4.1.2).
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = PlenaryMeeting
        fields = ["title", "starts_at", "ends_at", "location", "public", "minutes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "minutes_approved_at" in self.fields:
            later = PlenaryMeeting.objects.exclude(status=PlenaryMeeting.Status.CANCELLED)
            if self.instance.pk:
                later = later.filter(starts_at__gt=self.instance.starts_at)
            self.fields["minutes_approved_at"].queryset = later.order_by("starts_at")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("starts_at") and "starts_at" in self.changed_data:
            try:
                meeting_move_check(meeting=self.instance, starts_at=cleaned["starts_at"])
            except ValidationError as error:
                add_refusal(self, error)
        at_meeting = cleaned.get("minutes_approved_at")
        if self.instance.pk and at_meeting and "minutes_approved_at" in self.changed_data:
            probe = PlenaryMeeting(
                pk=self.instance.pk,
                starts_at=cleaned.get("starts_at") or self.instance.starts_at,
                minutes=cleaned.get("minutes", self.instance.minutes),
            )
            try:
                minutes_approval_check(meeting=probe, at_meeting=at_meeting)
            except ValidationError as error:
                add_refusal(self, error)
        return cleaned


class MeetingYearFilter(YearFilter):
    lookup = "starts_at__year"


@admin.register(PlenaryMeeting)
class PlenaryMeetingAdmin(admin.ModelAdmin):
    form = MeetingForm
    formfield_overrides = {
        models.DateTimeField: {"form_class": forms.DateTimeField, "widget": DATETIME_INPUT}
    }
    change_list_template = CHANGE_LIST
    change_form_template = CHANGE_FORM
    list_display = [
        "title", "starts_at", "status", "public", "answered_yes", "invited", "present",
        "minutes_approved",
    ]  # fmt: skip
    list_filter = ["status", MeetingYearFilter, "public"]
    search_fields = ["title", "location"]
    date_hierarchy = "starts_at"
    actions = ["cancel", "invite_missing"]
    readonly_fields = [
        "status", "answers", "invitations_sent_at", "invitation_link", "attendance_link",
        "decision_link", "room_link",
    ]  # fmt: skip

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["title", "starts_at", "ends_at", "location", "public"]
        return [
            "title", "starts_at", "ends_at", "location", "public", "status", "answers",
            "invitations_sent_at", "invitation_link", "attendance_link", "decision_link",
            "room_link", "minutes", "minutes_approved_at",
        ]  # fmt: skip

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["fields"] = [
            name for name in self.get_fields(request, obj) if name not in self.readonly_fields
        ]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_inlines(self, request, obj):
        # A new meeting gets its agenda (with the steering report) from meeting_plan.
        return [AgendaItemInline, DecisionInline] if obj else []

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                invited_count=Count("invitations", distinct=True),
                yes_count=Count(
                    "invitations", filter=Q(invitations__response="yes"), distinct=True
                ),
                present_count=Count(
                    "invitations", filter=Q(invitations__attended=True), distinct=True
                ),
            )
        )

    @admin.display(description=_("invited"), ordering="invited_count")
    def invited(self, obj):
        return obj.invited_count

    @admin.display(description=_("answered yes"), ordering="yes_count")
    def answered_yes(self, obj):
        return obj.yes_count

    @admin.display(description=_("present"), ordering="present_count")
    def present(self, obj):
        return obj.present_count if obj.status == PlenaryMeeting.Status.HELD else "—"

    @admin.display(description=_("minutes approved"), boolean=True)
    def minutes_approved(self, obj):
        return obj.minutes_approved_at_id is not None

    @admin.display(description=_("answers"))
    def answers(self, obj):
        if not (obj and obj.pk):
            return "—"
        counts = dict(
            obj.invitations.values_list("response")
            .annotate(n=Count("pk"))
            .values_list("response", "n")
        )
        return gettext(
            "%(invited)s invited: %(yes)s yes, %(no)s no, %(maybe)s maybe, %(none)s no answer"
        ) % {
            "invited": sum(counts.values()),
            "yes": counts.get("yes", 0),
            "no": counts.get("no", 0),
            "maybe": counts.get("maybe", 0),
            "none": counts.get("", 0),
        }

    @admin.display(description=_("invitation"))
    def invitation_link(self, obj):
        if not (obj and obj.pk) or obj.status != PlenaryMeeting.Status.PLANNED:
            return "—"
        url = reverse("admin:steering_plenarymeeting_invitation", args=[obj.pk])
        label = (
            gettext("Preview and send a supplement")
            if obj.invitations_sent_at
            else gettext("Preview and send the invitation")
        )
        return format_html('<a href="{}" id="invitation-link">{}</a>', url, label)

    @admin.display(description=_("decisions"))
    def decision_link(self, obj):
        """Issue 17.4: a decision is recorded on an item of this meeting."""
        if not (obj and obj.pk) or not selectable_meetings().filter(pk=obj.pk).exists():
            return "—"
        url = reverse("admin:steering_decision_add") + f"?meeting={obj.pk}"
        return format_html(
            '<a href="{}" id="decision-link">{}</a>', url, gettext("Record a decision")
        )

    @admin.display(description=_("votes in the room"))
    def room_link(self, obj):
        """Issue 17.5: presence, votes and the projector, on the chair's page in the portal."""
        if not (obj and obj.pk) or obj.status == PlenaryMeeting.Status.CANCELLED:
            return "—"
        url = reverse("steering_meeting:chair", args=[obj.pk])
        return format_html('<a href="{}" id="room-link">{}</a>', url, gettext("Chair the meeting"))

    @admin.display(description=_("attendance"))
    def attendance_link(self, obj):
        if not (obj and obj.pk) or obj.status == PlenaryMeeting.Status.CANCELLED:
            return "—"
        url = reverse("admin:steering_plenarymeeting_attendance", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Record attendance"))

    def changelist_view(self, request, extra_context=None):
        year = timezone.localdate().year
        warnings = [w for w in (plenary_year_warning(year), plenary_year_warning(year + 1)) if w]
        return super().changelist_view(request, {**(extra_context or {}), "warnings": warnings})

    def save_model(self, request, obj, form, change):
        if not change:
            meeting = meeting_plan(
                title=obj.title,
                starts_at=obj.starts_at,
                ends_at=obj.ends_at,
                location=obj.location,
                public=obj.public,
                by=request.user,
            )
            obj.pk = meeting.pk
            obj._state.adding = False
            obj._state.db = meeting._state.db
            return
        fields = [name for name in form.changed_data if name != "minutes_approved_at"]
        if fields:
            obj.save(update_fields=fields)
        if "minutes_approved_at" in form.changed_data and obj.minutes_approved_at:
            minutes_approve(meeting=obj, at_meeting=obj.minutes_approved_at, by=request.user)
        elif "minutes_approved_at" in form.changed_data:
            obj.save(update_fields=["minutes_approved_at"])
        # Saving sends nothing (issue 17.2): the invitation has its own page and button.

    def save_formset(self, request, form, formset, change):
        if formset.model is not AgendaItem:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for item in formset.new_objects + [item for item, _fields in formset.changed_objects]:
            item.save()
        for item in formset.deleted_objects:
            agenda_item_delete(item=item, by=request.user)

    @admin.action(description=_("Cancel the meeting"), permissions=["change"])
    def cancel(self, request, queryset):
        for meeting in queryset:
            try:
                meeting_cancel(meeting=meeting, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{meeting}: {error_text(error)}", messages.ERROR)
            else:
                self.message_user(
                    request, gettext("%(meeting)s: cancelled.") % {"meeting": meeting}
                )

    @admin.action(description=_("Invite members who joined later"), permissions=["change"])
    def invite_missing(self, request, queryset):
        added = sum(meeting_invite_missing(meeting=meeting) for meeting in queryset)
        self.message_user(
            request,
            ngettext("%(count)s invitation sent.", "%(count)s invitations sent.", added)
            % {"count": added},
        )

    # --- Attendance in bulk --------------------------------------------------------------

    def get_urls(self):
        urls = [
            path(
                "<path:object_id>/uitnodiging/",
                self.admin_site.admin_view(self.invitation_view),
                name="steering_plenarymeeting_invitation",
            ),
            path(
                "<path:object_id>/aanwezigheid/",
                self.admin_site.admin_view(self.attendance_view),
                name="steering_plenarymeeting_attendance",
            ),
        ]
        return urls + super().get_urls()

    def invitation_view(self, request, object_id):
        """Preview the invitation (or the supplement) with the agenda and its papers, and
        send it with one button (issue 17.2)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        meeting = self.get_object(request, object_id)
        if meeting is None:
            raise Http404
        can_send = request.user.has_perm("steering.send_invitation")
        site_url = request.build_absolute_uri("/")
        note, error = request.POST.get("note", ""), None
        if request.method == "POST":
            if not can_send:
                raise PermissionDenied
            try:
                if "supplement" in request.POST:
                    sent = meeting_supplement_send(
                        meeting=meeting, by=request.user, note=note, site_url=site_url
                    )
                    done = ngettext(
                        "Supplement sent to %(count)s invitee.",
                        "Supplement sent to %(count)s invitees.",
                        sent,
                    )
                else:
                    sent = meeting_invitation_send(
                        meeting=meeting, by=request.user, site_url=site_url
                    )
                    done = ngettext(
                        "Invitation sent to %(count)s member.",
                        "Invitation sent to %(count)s members.",
                        sent,
                    )
            except ValidationError as error_:
                error = error_text(error_)
            else:
                self.message_user(request, done % {"count": sent})
                return HttpResponseRedirect(
                    reverse("admin:steering_plenarymeeting_change", args=[meeting.pk])
                )
        supplement = meeting.invitations_sent_at is not None
        subject, body = invitation_preview(
            meeting, supplement=supplement, note=note, site_url=site_url
        )
        return TemplateResponse(
            request,
            "admin/steering/meetings/invitation.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Invitation"),
                "meeting": meeting,
                "subject": subject,
                "body": body,
                "note": note,
                "error": error,
                "can_send": can_send and meeting.answerable,
                "changed": supplement and changes_since_last_mailing(meeting),
                "invitees": meeting.invitations.count(),
                "recipients": sitting_members_on(local_date(meeting.starts_at)).count(),
            },
        )

    def attendance_view(self, request, object_id):
        if not self.has_change_permission(request):
            raise PermissionDenied
        meeting = self.get_object(request, object_id)
        if meeting is None:
            raise Http404
        form = AttendanceForm.for_meeting(
            meeting, request.POST if request.method == "POST" else None
        )
        if request.method == "POST" and form.is_valid():
            try:
                attendance_record(
                    meeting=meeting,
                    attended_member_ids=form.cleaned_data["attended"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                self.message_user(
                    request,
                    gettext("Attendance recorded: %(count)s present; the meeting is held.")
                    % {"count": len(form.cleaned_data["attended"])},
                )
                return HttpResponseRedirect(
                    reverse("admin:steering_plenarymeeting_change", args=[meeting.pk])
                )
        return TemplateResponse(
            request,
            "admin/steering/meetings/attendance.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Record attendance"),
                "meeting": meeting,
                "form": form,
            },
        )


# --- Decisions (S5) ----------------------------------------------------------------------


class AgendaItemChoiceField(forms.ModelChoiceField):
    """An item as the chair reads it out: the meeting's date, its number and its title."""

    def label_from_instance(self, obj):
        day = date_format(timezone.localtime(obj.meeting.starts_at).date())
        return f"{day} · {obj.position}. {obj.title}"


def selectable_meetings():
    """Meetings a decision can be recorded for: held, or taking place today (S5)."""
    return PlenaryMeeting.objects.exclude(status=PlenaryMeeting.Status.CANCELLED).filter(
        starts_at__date__lte=timezone.localdate()
    )


class DecisionAddForm(forms.ModelForm):
    """Adding a decision records it through decision_record; its refusals are form errors.

    Issue 17.4: the agenda item is chosen from the meeting's own items (the meeting from
    the address, ?meeting=, or the latest meeting); an advice from the drafts those items
    carry (S5).
    """

    by = None  # set by DecisionAdmin.get_form

    class Meta:
        model = Decision
        fields = [
            "meeting", "agenda_item", "proposal", "votes_for", "votes_against", "abstentions",
            "trajectory",
        ]  # fmt: skip
        field_classes = {"agenda_item": AgendaItemChoiceField, "trajectory": TrajectoryChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "meeting" not in self.fields:
            return
        self.fields["meeting"].queryset = selectable_meetings()
        chosen = self._chosen_meeting()
        items = AgendaItem.objects.filter(meeting_id=chosen).select_related("meeting")
        self.fields["agenda_item"].queryset = items.order_by("position", "pk")
        self.fields["agenda_item"].help_text = _(
            "The items of the chosen meeting. For another meeting, open this form from that "
            "meeting's page."
        )
        self.fields["trajectory"].queryset = newest_first(
            Trajectory.objects.filter(
                agenda_items__meeting_id=chosen, status=TrajectoryStatus.DRAFTING
            ).distinct()
        )
        self.fields["trajectory"].help_text = _(
            "S5: the advice whose draft the chosen agenda item carries, when this decision "
            "adopts it. Only a draft its project group marked ready can be adopted."
        )

    def _chosen_meeting(self):
        value = self.data.get(self.add_prefix("meeting")) if self.is_bound else None
        value = value or self.initial.get("meeting")
        value = getattr(value, "pk", value)
        return int(value) if str(value or "").isdigit() else None

    def _post_clean(self):
        # Not the model's own validation: decision_record validates and saves in one go.
        if self.errors or self.instance.pk:
            return
        data = self.cleaned_data
        try:
            self.instance = decision_record(
                meeting=data["meeting"],
                proposal=data["proposal"],
                votes_for=data["votes_for"],
                votes_against=data["votes_against"],
                abstentions=data["abstentions"],
                trajectory=data.get("trajectory"),
                agenda_item=data.get("agenda_item"),
                by=self.by,
            )
        except ValidationError as error:
            add_refusal(self, error)


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    form = DecisionAddForm
    change_list_template = CHANGE_LIST
    change_form_template = CHANGE_FORM
    list_display = [
        "proposal_short", "meeting", "votes_for", "votes_against", "abstentions", "adopted",
        "trajectory",
    ]  # fmt: skip
    list_filter = ["adopted"]
    search_fields = ["proposal"]
    list_select_related = ["meeting", "trajectory"]
    readonly_fields = ["adopted", "recorded_by", "recorded_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return DecisionAddForm.Meta.fields
        return [*DecisionAddForm.Meta.fields, *self.readonly_fields]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type("DecisionAddFormFor", (form,), {"by": request.user})

    def get_changeform_initial_data(self, request):
        """The meeting from the address (?meeting=), else the latest one that was held; an
        advice from the trajectory admin (?trajectory=) with the item carrying its draft."""
        initial = super().get_changeform_initial_data(request)
        if not str(initial.get("meeting", "")).isdigit():
            latest = selectable_meetings().order_by("-starts_at", "-pk").first()
            initial["meeting"] = latest.pk if latest else None
        trajectory = initial.get("trajectory")
        if initial["meeting"] and str(trajectory or "").isdigit():
            item = AgendaItem.objects.filter(
                meeting_id=initial["meeting"], trajectory_id=int(trajectory)
            ).first()
            if item is not None:
                initial["agenda_item"] = item.pk
        return initial

    @admin.display(description=_("proposal"))
    def proposal_short(self, obj):
        return obj.proposal[:80]

    def has_change_permission(self, request, obj=None):
        return False  # S5: the members' decision stands as recorded

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        pass  # recorded by decision_record while the form was validated


# --- Consultations (S7) ------------------------------------------------------------------


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    change_list_template = CHANGE_LIST
    change_form_template = CHANGE_FORM
    list_display = ["kind", "planned_on", "held_on", "other_attendees"]
    list_filter = ["kind"]
    search_fields = ["topics", "notes", "other_attendees"]
    date_hierarchy = "planned_on"
    fields = ["kind", "planned_on", "held_on", "attendees", "other_attendees", "topics", "notes"]

    def changelist_view(self, request, extra_context=None):
        warnings = [gap.message for gap in consultation_gaps(timezone.localdate())]
        return super().changelist_view(request, {**(extra_context or {}), "warnings": warnings})

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "attendees":
            from members.models import Member

            kwargs["queryset"] = Member.objects.filter(ended_on__isnull=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


# --- Agendas to watch (S4) ---------------------------------------------------------------


@admin.register(WatchItem)
class WatchItemAdmin(admin.ModelAdmin):
    change_list_template = CHANGE_LIST
    change_form_template = CHANGE_FORM
    list_display = ["title", "source", "expected_on", "policy_officer", "advice_request_expected"]
    list_filter = ["source", "advice_request_expected", "closed"]
    search_fields = ["title", "policy_officer", "notes"]
    fields = [
        "source", "title", "expected_on", "policy_officer", "advice_request_expected",
        "trajectories", "notes", "closed",
    ]  # fmt: skip

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "trajectories":  # issue 18.5: each with its date, newest first
            kwargs["queryset"] = newest_first(Trajectory.objects.all())
            kwargs["form_class"] = TrajectoryMultipleChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


# --- Subjects from members ---------------------------------------------------------------


@admin.register(SubjectProposal)
class SubjectProposalAdmin(admin.ModelAdmin):
    """Read here; proposed, supported and answered in the portal (the services)."""

    change_list_template = CHANGE_LIST
    change_form_template = CHANGE_FORM
    list_display = ["title", "proposer", "purpose", "status", "supporters", "created_at"]
    list_filter = ["status", "purpose"]
    search_fields = ["title", "description"]
    list_select_related = ["proposer"]
    fields = [
        "title", "proposer", "purpose", "description", "status", "answer", "answered_by",
        "answered_at", "created_at",
    ]  # fmt: skip
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(support_count=Count("supports"))

    @admin.display(description=_("supporters"), ordering="support_count")
    def supporters(self, obj):
        return obj.support_count

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- Training (S8) -----------------------------------------------------------------------


@admin.register(TrainingActivity)
class TrainingActivityAdmin(admin.ModelAdmin):
    change_list_template = CHANGE_LIST
    change_form_template = CHANGE_FORM
    list_display = ["title", "kind", "date", "provider", "cost_display", "participant_count"]
    list_filter = ["kind"]
    search_fields = ["title", "provider"]
    date_hierarchy = "date"
    fields = ["kind", "title", "date", "provider", "participants", "cost", "notes"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(participant_total=Count("participants"))

    formfield_overrides = MONEY_FORMFIELD_OVERRIDES  # 1.250,50 as the Dutch write it

    @admin.display(description=_("cost"), ordering="cost")
    def cost_display(self, obj):
        return format_money(obj.cost)

    @admin.display(description=_("participants"), ordering="participant_total")
    def participant_count(self, obj):
        return obj.participant_total
