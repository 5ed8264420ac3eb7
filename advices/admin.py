"""The secretariat's screens for advice trajectories (A1–A5).

The status never changes through a form field: the actions call the services
(advices.services), which name the missing step when they refuse.
"""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advices.admin_flow import CollegeResponseForm, TrajectoryFlowMixin
from advices.models import (
    Advice,
    Attachment,
    CollegeResponse,
    MonitoringNote,
    Recommendation,
    Status,
    Trajectory,
    TrajectoryEvent,
)
from advices.readability import B1_SCORE, LONG_SENTENCE, readability
from advices.selectors import response_overdue, trajectories_awaiting_response
from advices.services import (
    advice_publish,
    advice_save_draft,
    advice_unpublish,
    college_response_record,
    college_response_update,
    next_status,
    trajectory_advance,
    trajectory_create,
    trajectory_withdraw,
)
from advices.uploads import validate_document
from members.formats import IsoDateInput
from members.shared import (
    LabelledInlineFormSet,
    ReadOnlyInlineMixin,
    YearFilter,
    add_refusal,
    error_text,
)

ACTION_CHECKBOX = admin.helpers.ACTION_CHECKBOX_NAME


# --- Filters ---------------------------------------------------------------------------


class LawFilter(admin.SimpleListFilter):
    title = _("law")
    parameter_name = "law"

    def lookups(self, request, model_admin):
        return [
            (name, Trajectory._meta.get_field(name).verbose_name)
            for name in ("law_wmo", "law_youth", "law_participation")
        ]

    def queryset(self, request, queryset):
        if self.value() in {"law_wmo", "law_youth", "law_participation"}:
            return queryset.filter(**{self.value(): True})
        return queryset


class ReceivedYearFilter(YearFilter):
    title = _("year received")
    lookup = "received_on__year"


class ResponseOverdueFilter(admin.SimpleListFilter):
    """A3: sent advices without a college response after the reminder time."""

    title = _("college response")
    parameter_name = "response"

    def lookups(self, request, model_admin):
        return [("overdue", _("College response overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            overdue = trajectories_awaiting_response(today=timezone.localdate())
            return queryset.filter(pk__in=overdue.values("pk"))
        return queryset


# --- Forms -----------------------------------------------------------------------------


class TrajectoryForm(forms.ModelForm):
    class Meta:
        model = Trajectory
        fields = [
            "subject", "slug", "summary", "plain_summary", "kind", "requested_by",
            "municipal_contact",
            "received_on", "deadline", "agenda_item", "themes", "law_wmo", "law_youth",
            "law_participation", "clients_council_consulted_on",
        ]  # fmt: skip

    def _post_clean(self):
        super()._post_clean()
        # The read-only fields (status, adoption) are left out of the form, and with them
        # the constraints that name them; check those against the whole row as well.
        if not self.errors:
            try:
                self.instance.validate_constraints()
            except ValidationError as error:
                add_refusal(self, error)


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "file", "public"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload and "file" in self.changed_data:
            try:
                self.instance.content_type = validate_document(upload)
            except ValidationError as error:
                self.add_error("file", error)
            else:
                self.instance.size = upload.size
        return cleaned


class AdvanceForm(forms.Form):
    on = forms.DateField(
        label=_("Date"),
        help_text=_("The date of the adoption or of sending to the college."),
        widget=IsoDateInput(),
    )
    reference = forms.CharField(
        label=_("Plenary decision"),
        required=False,
        max_length=200,
        help_text=_("S5: needed when the plenary adopts the advice."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"), widget=forms.Textarea(attrs={"rows": 4})
    )


# --- Inlines ---------------------------------------------------------------------------


class TrajectoryEventInline(ReadOnlyInlineMixin, admin.TabularInline):
    """The timeline, read-only: only the services write it."""

    model = TrajectoryEvent
    fields = ["at", "from_status", "to_status", "by", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by", "trajectory")


class AttachmentInline(admin.TabularInline):
    model = Attachment
    form = AttachmentForm
    formset = LabelledInlineFormSet
    fields = ["title", "file", "public", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["content_type", "size", "uploaded_by", "uploaded_at"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by", "trajectory")


class MonitoringNoteInline(admin.TabularInline):
    """Issue 19.1: what happened since the college's response, for the advice's page."""

    model = MonitoringNote
    formset = LabelledInlineFormSet
    fields = ["noted_on", "text", "public"]
    formfield_overrides = {models.DateField: {"widget": IsoDateInput}}
    extra = 0


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    formset = LabelledInlineFormSet
    fields = ["number", "text", "response", "response_explanation"]
    readonly_fields = ["response", "response_explanation"]
    extra = 0


# --- Model admins ----------------------------------------------------------------------


@admin.register(Trajectory)
class TrajectoryAdmin(TrajectoryFlowMixin, admin.ModelAdmin):
    form = TrajectoryForm
    list_display = [
        "subject", "kind", "status", "received_on", "deadline", "sent_on", "response_is_overdue",
        "published_at",
    ]  # fmt: skip
    list_filter = [
        "status", "kind", LawFilter, "themes", ReceivedYearFilter, ResponseOverdueFilter,
    ]  # fmt: skip
    search_fields = ["subject", "summary", "municipal_contact__name", "agenda_item"]
    list_select_related = True
    prepopulated_fields = {"slug": ["subject"]}
    readonly_fields = [
        "plain_summary_readability", "status", "response_is_overdue", "adopted_on",
        "adoption_reference", "sent_on", "withdrawn_reason", "created_at", "published_at",
    ]  # fmt: skip
    fieldsets = [
        (
            _("Request (A1)"),
            {
                "fields": [
                    "subject",
                    "slug",
                    "summary",
                    "plain_summary",
                    "plain_summary_readability",
                    "kind",
                    "requested_by",
                    "municipal_contact",
                    "received_on",
                    "deadline",
                    "agenda_item",
                    "themes",
                ]
            },
        ),  # fmt: skip
        (
            _("Laws (A2)"),
            {
                "fields": [
                    "law_wmo",
                    "law_youth",
                    "law_participation",
                    "clients_council_consulted_on",
                ]
            },
        ),
        (
            _("Workflow"),
            {
                "description": _(
                    "The status changes only through the steps at the top of this page (or "
                    "the actions on the list of trajectories)."
                ),
                "fields": [
                    "status",
                    "response_is_overdue",
                    "adopted_on",
                    "adoption_reference",
                    "sent_on",
                    "withdrawn_reason",
                    "created_at",
                    "published_at",
                ],
            },
        ),  # fmt: skip
    ]
    actions = ["advance", "withdraw", "record_college_response", "publish", "unpublish"]

    def get_inlines(self, request, obj):
        # A new trajectory gets its advice and first timeline event from trajectory_create.
        return [TrajectoryEventInline, AttachmentInline, MonitoringNoteInline] if obj else []

    @admin.display(description=_("readability of the summary"))
    def plain_summary_readability(self, obj):
        """Issue 19.3: the saved summary's Flesch-Douma score, and its long sentences."""
        measured = readability(obj.plain_summary if obj else "")
        if measured is None:
            return gettext("Write the summary and save: its readability shows here.")
        verdict = gettext("Flesch-Douma %(score)s: %(level)s.") % {
            "score": number_format(measured.score, 0), "level": measured.level
        }  # fmt: skip
        if measured.score < B1_SCORE:
            verdict += " " + gettext("Aim for 60 or more: shorter sentences, shorter words.")
        if not measured.long_sentences:
            return verdict
        return format_html(
            "{}<br>{}<ul>{}</ul>",
            verdict,
            gettext("These sentences have more than %(words)s words; split them:")
            % {"words": LONG_SENTENCE},
            format_html_join(
                "", "<li>{}</li>", ((sentence,) for sentence in measured.long_sentences)
            ),
        )

    @admin.display(description=_("college response overdue (A3)"), boolean=True)
    def response_is_overdue(self, obj):
        return response_overdue(obj, today=timezone.localdate())

    def save_model(self, request, obj, form, change):
        if change:
            # Only what the form changed: a status set meanwhile by a service stays.
            fields = [name for name in form.changed_data if name != "themes"]
            if fields:
                obj.save(update_fields=fields)
            return
        data = {name: value for name, value in form.cleaned_data.items() if name != "themes"}
        created = trajectory_create(
            data=data, themes=form.cleaned_data.get("themes", []), by=request.user
        )
        obj.pk = created.pk
        obj._state.adding = False
        obj._state.db = created._state.db

    def save_formset(self, request, form, formset, change):
        if formset.model is not Attachment:
            return super().save_formset(request, form, formset, change)
        for attachment in formset.save(commit=False):
            if not attachment.uploaded_by_id:
                attachment.uploaded_by = request.user
            attachment.save()
        for attachment in formset.deleted_objects:
            attachment.delete()

    def _render(self, request, template, context):
        return TemplateResponse(
            request,
            f"admin/advices/trajectory/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "selected": request.POST.getlist(ACTION_CHECKBOX),
                **context,
            },
        )

    @admin.action(description=_("Move to the next step"), permissions=["change"])
    def advance(self, request, queryset):
        trajectories = list(queryset.order_by("pk"))
        steps = [(t, next_status(t.status)) for t in trajectories]
        if "apply" in request.POST:
            form = AdvanceForm(request.POST)
            if form.is_valid():
                for trajectory, step in steps:
                    self._advance_one(request, trajectory, step, form.cleaned_data)
                return None
        else:
            form = AdvanceForm(initial={"on": timezone.localdate()})
        return self._render(
            request,
            "advance.html",
            {
                "title": gettext("Move to the next step"),
                "form": form,
                "steps": [(t, Status(step).label if step else None) for t, step in steps],
            },
        )

    def _advance_one(self, request, trajectory, step, data):
        try:
            if step is None:
                raise ValidationError(
                    gettext("This trajectory is %(status)s: it cannot change any more.")
                    % {"status": trajectory.get_status_display().lower()}
                )
            trajectory_advance(
                trajectory=trajectory,
                to=step,
                by=request.user,
                note=data["note"],
                on=data["on"],
                reference=data["reference"],
            )
        except ValidationError as error:
            self.message_user(request, f"{trajectory}: {error_text(error)}", messages.ERROR)
        else:
            self.message_user(
                request,
                gettext("%(trajectory)s: moved to “%(step)s”.")
                % {"trajectory": trajectory, "step": Status(step).label},
            )

    @admin.action(description=_("Withdraw…"), permissions=["change"])
    def withdraw(self, request, queryset):
        trajectories = list(queryset.order_by("pk"))
        form = WithdrawForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for trajectory in trajectories:
                try:
                    trajectory_withdraw(
                        trajectory=trajectory, by=request.user, reason=form.cleaned_data["reason"]
                    )
                except ValidationError as error:
                    self.message_user(request, f"{trajectory}: {error_text(error)}", messages.ERROR)
                else:
                    self.message_user(
                        request, gettext("%(trajectory)s: withdrawn.") % {"trajectory": trajectory}
                    )
            return None
        return self._render(
            request,
            "withdraw.html",
            {"title": gettext("Withdraw trajectories"), "form": form, "trajectories": trajectories},
        )

    def _each(self, request, queryset, service, done: str):
        for trajectory in queryset.order_by("pk"):
            try:
                service(trajectory=trajectory, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{trajectory}: {error_text(error)}", messages.ERROR)
            else:
                self.message_user(request, done % {"trajectory": trajectory}, messages.SUCCESS)

    @admin.action(description=_("Publish on the website (A4)"), permissions=["change"])
    def publish(self, request, queryset):
        self._each(
            request, queryset, advice_publish, gettext("%(trajectory)s: published on the website.")
        )

    @admin.action(description=_("Remove from the website"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._each(
            request,
            queryset,
            advice_unpublish,
            gettext("%(trajectory)s: removed from the website."),
        )

    @admin.action(description=_("Record the college's response (A3)"), permissions=["change"])
    def record_college_response(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request,
                gettext("Select one trajectory to record the college's response."),
                messages.ERROR,
            )
            return None
        trajectory = queryset.get()
        if trajectory.status != Status.SENT:
            self.message_user(
                request,
                gettext(
                    "%(trajectory)s: the college's response is recorded for an advice sent to "
                    "the college; this trajectory is at “%(current)s”."
                )
                % {"trajectory": trajectory, "current": Status(trajectory.status).label},
                messages.ERROR,
            )
            return None
        recommendations = list(Recommendation.objects.filter(advice__trajectory=trajectory))
        if "apply" in request.POST:
            form = CollegeResponseForm(request.POST, request.FILES, recommendations=recommendations)
            if form.is_valid():
                try:
                    college_response_record(
                        trajectory=trajectory,
                        by=request.user,
                        received_on=form.cleaned_data["received_on"],
                        council_proposal_number=form.cleaned_data["council_proposal_number"],
                        council_proposal_date=form.cleaned_data["council_proposal_date"],
                        council_proposal_url=form.cleaned_data["council_proposal_url"],
                        document=form.cleaned_data["document"] or None,
                        responses=form.responses(),
                    )
                except ValidationError as error:
                    add_refusal(form, error)
                else:
                    self.message_user(
                        request,
                        gettext("%(trajectory)s: the college's response is recorded.")
                        % {"trajectory": trajectory},
                        messages.SUCCESS,
                    )
                    url = reverse("admin:advices_trajectory_change", args=[trajectory.pk])
                    return HttpResponseRedirect(url)
        else:
            form = CollegeResponseForm(
                initial={"received_on": timezone.localdate()}, recommendations=recommendations
            )
        return self._render(
            request,
            "college_response.html",
            {
                "title": gettext("Record the college's response"),
                "trajectory": trajectory,
                "form": form,
            },
        )


@admin.register(Advice)
class AdviceAdmin(admin.ModelAdmin):
    """The advice text; saving goes through advice_save_draft, so a version is kept."""

    list_display = ["trajectory", "version", "ready_for_plenary", "frozen"]
    list_filter = ["frozen", "ready_for_plenary", "trajectory__status"]
    search_fields = ["trajectory__subject"]
    list_select_related = ["trajectory"]
    fields = [
        "trajectory", "introduction", "way_of_working", "considerations", "version",
        "ready_for_plenary", "frozen",
    ]  # fmt: skip
    readonly_fields = ["trajectory", "version", "ready_for_plenary", "frozen"]
    inlines = [RecommendationInline]

    def has_add_permission(self, request):
        return False  # trajectory_create makes the advice

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.frozen:
            return False  # adopted by the plenary: no more changes
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        pass  # saved with its recommendations in save_related, through the service

    def save_related(self, request, form, formsets, change):
        rows = []
        for formset in formsets:
            # Saved by the service below; the admin's history message reads these.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            for inline_form in formset.forms:
                data = getattr(inline_form, "cleaned_data", None)
                if data and not data.get("DELETE") and data.get("text"):
                    rows.append((data["number"], data["text"]))
        advice_save_draft(
            advice=form.instance,
            by=request.user,
            data={
                name: form.cleaned_data[name]
                for name in ("introduction", "way_of_working", "considerations")
            },
            recommendations=[text for _number, text in sorted(rows, key=lambda row: row[0])],
        )


class CollegeResponseAdminForm(forms.ModelForm):
    class Meta:
        model = CollegeResponse
        fields = [
            "received_on",
            "council_proposal_number",
            "council_proposal_date",
            "council_proposal_url",
            "document",
        ]
        # An address typed without a scheme is taken as https (the only one allowed).
        field_classes = {"council_proposal_url": partial(forms.URLField, assume_scheme="https")}

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and "document" in self.changed_data:
            validate_document(document)
        return document


@admin.register(CollegeResponse)
class CollegeResponseAdmin(admin.ModelAdmin):
    """A3: recorded through the trajectory's action; corrected here."""

    form = CollegeResponseAdminForm
    list_display = ["trajectory", "council_proposal_number", "council_proposal_date", "received_on"]
    search_fields = ["trajectory__subject", "council_proposal_number"]
    list_select_related = ["trajectory"]
    date_hierarchy = "received_on"

    def has_add_permission(self, request):
        return False  # the action "Record the college's response" on a sent trajectory

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # A new document is read again for the site search (issue 19.4).
        college_response_update(college_response=obj, changed=form.changed_data)
