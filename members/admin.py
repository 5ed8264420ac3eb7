from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members.exports import SPECIAL_CATEGORY_FIELDS, register_dataset
from members.models import (
    Application,
    IncompatibilityDeclaration,
    Member,
    PostcodeArea,
    RecruitmentRound,
    TermExtensionRequest,
    Theme,
    User,
)
from members.models.common import IncompatibilityAnswers
from members.review_forms import DecisionForm
from members.review_views import OPEN_DECISIONS, decided_message
from members.roles import permission_label
from members.selectors import (
    members_flagged_incompatible,
    members_sitting,
    members_term_ending,
    members_without_declaration,
)
from members.services import (
    declaration_delete,
    member_end,
    term_extension_decide,
)
from members.shared import ReadOnlyInlineMixin, error_text
from members.spreadsheets import spreadsheet_response

SPECIAL_PERMISSION = "members.see_special_category_data"


def m5_answer(disqualifies: bool) -> str:
    """M5: a "yes" disqualifies, so it is shown as a warning, never as the admin's green
    tick; the sign is hidden from screen readers, which read the words instead."""
    if not disqualifies:
        return gettext("No")
    return format_html(
        '<strong class="m5-disqualifies"><span aria-hidden="true">⚠</span> {}'
        '<span class="visually-hidden"> ({})</span></strong>',
        gettext("Yes"),
        gettext("disqualifies (M5)"),
    )


def _m5_answer_column(name: str):
    @admin.display(description=IncompatibilityAnswers.QUESTIONS[name], ordering=name)
    def column(model_admin, obj):
        return m5_answer(getattr(obj, name))

    column.__name__ = f"{name}_answer"
    return column


class M5AnswersAdminMixin:
    """The four M5 answers as columns and read-only fields that warn on a "yes"."""

    m5_answer_fields = [f"{name}_answer" for name in IncompatibilityAnswers.QUESTIONS]
    m5_council_answer = _m5_answer_column("m5_council")
    m5_employee_answer = _m5_answer_column("m5_employee")
    m5_commercial_answer = _m5_answer_column("m5_commercial")
    m5_political_answer = _m5_answer_column("m5_political")


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    ordering = ["last_name", "first_name", "email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "usable_password", "password1", "password2"],
            },
        ),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "user_permissions":
            field.label_from_instance = permission_label  # in Dutch (issue 18.3)
        return field

    def get_readonly_fields(self, request, obj=None):
        """Issue 15.4: only a superuser grants roles and rights; for anyone else they are
        read-only, so a crafted POST of them is ignored by the form."""
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += PRIVILEGE_FIELDS
        return fields

    def has_change_permission(self, request, obj=None):
        # A superuser's account (its address, its password) is changed by a superuser
        # only: else taking it over would be one step beyond one's own rights.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # The read-only fields keep a crafted POST out; this holds even if a form changes.
        if not request.user.is_superuser and _privileges_changed(obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


PRIVILEGE_FIELDS = ["is_staff", "is_superuser", "groups", "user_permissions"]


def _privileges_changed(user: User) -> bool:
    if user.pk is None:
        return user.is_staff or user.is_superuser
    stored = User.objects.get(pk=user.pk)
    return (stored.is_staff, stored.is_superuser) != (user.is_staff, user.is_superuser)


class SpecialCategoryAdminMixin:
    """Cultural background and lived experience: only for the secretariat (GDPR art. 9)."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.has_perm(SPECIAL_PERMISSION):
            return fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": [f for f in options["fields"] if f not in SPECIAL_CATEGORY_FIELDS],
                },
            )
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        if not request.user.has_perm(SPECIAL_PERMISSION):
            kwargs["exclude"] = [
                *(kwargs.get("exclude") or []),
                *self.get_readonly_fields(request, obj),
                *SPECIAL_CATEGORY_FIELDS,
            ]
        return super().get_form(request, obj, **kwargs)


class PlainActionCheckboxMixin:
    """The changelist's selection box written out, as Django's widget renders it.

    Django renders it through a form template per row; with 100 members a page that was
    a third of the list's time (issue 20.2). Same markup, same name, same label.
    """

    def action_checkbox(self, obj):
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )


class IsSittingFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("sitting", _("Sitting member")), ("ended", _("Ended"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "sitting":  # the one rule of who sits (members.selectors)
            return queryset.filter(pk__in=members_sitting(on=today).values("pk"))
        if self.value() == "ended":
            return queryset.filter(ended_on__isnull=False)
        return queryset


class AttentionFilter(admin.SimpleListFilter):
    """What the dashboard points at: terms ending soon (M7), missing declarations (M5)."""

    title = _("needs attention")
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [
            ("term_ending", _("Term ends within 3 months")),
            ("no_declaration", _("No declaration this year")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "term_ending":
            return queryset.filter(pk__in=members_term_ending(today=today).values("pk"))
        if self.value() == "no_declaration":
            selected = members_without_declaration(year=today.year, today=today)
            return queryset.filter(pk__in=selected.values("pk"))
        return queryset


class FlaggedFilter(admin.SimpleListFilter):
    """M5: sitting members whose declaration this year has a "yes"."""

    title = _("incompatibility (M5)")
    parameter_name = "m5"

    def lookups(self, request, model_admin):
        return [("flagged", _("Flagged this year")), ("ending", _("Marked to end"))]

    def queryset(self, request, queryset):
        if self.value() == "flagged":
            return queryset.filter(pk__in=members_flagged_incompatible().values("pk"))
        if self.value() == "ending":
            return queryset.filter(ended_on__isnull=True, end_due_on__isnull=False)
        return queryset


class UserAutocompleteSelect(AutocompleteSelect):
    """Django's widget looks the submitted value up as it is: a tampered id (" ") was a 500."""

    def optgroups(self, name, value, attr=None):
        ids = [v for v in value if str(v).isdigit() and len(str(v)) < 19]
        return super().optgroups(name, ids, attr)


class TermExtensionRequestInline(ReadOnlyInlineMixin, admin.TabularInline):
    """M7: the extension history on the member's page; decisions go through the service."""

    model = TermExtensionRequest
    fields = ["months", "status", "requested_at", "decided_by", "decided_at", "decision_reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


# M7: the term is set at admission and grows only by a granted extension request
# (members.services.term_extension_decide); the database refuses any other change.
TERM_FIELDS = ["start_date", "term_years", "extension_months"]


@admin.register(Member)
class MemberAdmin(PlainActionCheckboxMixin, SpecialCategoryAdminMixin, admin.ModelAdmin):
    list_display = [
        "last_name", "first_name", "email", "district", "origin_council", "start_date",
        "term_end", "ended_on",
    ]  # fmt: skip
    list_filter = [
        IsSittingFilter, AttentionFilter,
        FlaggedFilter, "origin_council", "postcode_area__area", "postcode_area__district",
        "knowledge_themes", "end_reason",
    ]  # fmt: skip
    search_fields = ["first_name", "last_name", "email", "postcode", "phone"]
    list_select_related = ["postcode_area"]
    # Issue 20.2: the list is rendered per cell by the admin (no query per row); 50 rows
    # a page instead of 100 halve that. The secretariat finds a member by search or filter.
    list_per_page = 50
    autocomplete_fields = ["user"]
    inlines = [TermExtensionRequestInline]
    change_list_template = "admin/members/member/change_list.html"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["widget"] = UserAutocompleteSelect(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    readonly_fields = [
        "term_end", "end_due_on", "ended_on", "end_reason", "end_note", "term_reminder_sent_on",
        "special_consent_at", "special_consent_version", "anonymised_on", "created_at",
    ]  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, *TERM_FIELDS]

    def has_add_permission(self, request):
        # M5, M3: a member comes only from an application the steering group admitted
        # (members.services.application_decide), never from a form that skips its checks.
        return False

    fieldsets = [
        (_("Person"), {"fields": ["first_name", "last_name", "email", "phone", "user"]}),
        (
            _("Residence"),
            {"fields": ["street_address", "postcode", "postcode_area", "date_of_birth"]},
        ),
        (_("Composition (M4)"), {"fields": ["origin_council", "network", "knowledge_themes"]}),
        (
            _("Special personal data (secretariat only)"),
            {
                "fields": [
                    "cultural_background",
                    "experience_themes",
                    "special_consent_at",
                    "special_consent_version",
                ]
            },
        ),
        (
            _("Term (M7)"),
            {
                "fields": [
                    "start_date",
                    "term_years",
                    "extension_months",
                    "term_end",
                    "term_reminder_sent_on",
                ]
            },
        ),
        (
            _("End"),
            {"fields": ["end_due_on", "ended_on", "end_reason", "end_note", "anonymised_on"]},
        ),
    ]
    actions = ["export_csv", "export_xlsx", "end_incompatible", "end_resigned"]

    @admin.display(description=_("district or village"), ordering="postcode_area__district")
    def district(self, obj):
        return obj.postcode_area.district

    @admin.action(
        description=_("Export the register (CSV, without special personal data)"),
        permissions=["change"],  # issue 15.8: the secretariat's, not the read-only Stuurgroep's
    )
    def export_csv(self, request, queryset):
        return self._export(queryset, "csv")

    @admin.action(
        description=_("Export the register (Excel, without special personal data)"),
        permissions=["change"],  # issue 15.8: the secretariat's, not the read-only Stuurgroep's
    )
    def export_xlsx(self, request, queryset):
        return self._export(queryset, "xlsx")

    def _export(self, queryset, fmt):
        stamp = timezone.localdate().isoformat()
        return spreadsheet_response(
            dataset=register_dataset(queryset), fmt=fmt, filename=f"register-{stamp}.{fmt}"
        )

    @admin.action(description=_("End membership: incompatible (M5)"), permissions=["change"])
    def end_incompatible(self, request, queryset):
        self._end(request, queryset, Member.EndReason.INCOMPATIBLE)

    @admin.action(description=_("End membership: resigned"), permissions=["change"])
    def end_resigned(self, request, queryset):
        self._end(request, queryset, Member.EndReason.RESIGNED)

    def _end(self, request, queryset, reason):
        ended = 0
        for member in queryset.filter(ended_on__isnull=True):
            try:
                member_end(
                    member=member,
                    on=timezone.localdate(),
                    reason=reason,
                    note=str(_("Ended in the admin by %(user)s.") % {"user": request.user}),
                    by=request.user,
                )
                ended += 1
            except ValidationError as error:
                self.message_user(request, f"{member}: {error_text(error)}", messages.ERROR)
        self.message_user(request, _("%(count)d memberships ended.") % {"count": ended})


@admin.register(Application)
class ApplicationAdmin(M5AnswersAdminMixin, SpecialCategoryAdminMixin, admin.ModelAdmin):
    """Applications are read here and decided on their own page (issue 18.2), through the
    same form and service as the steering group's review in the portal: the service holds
    M3 and M5, and the form does not offer what M5 refuses."""

    list_display = ["last_name", "first_name", "round", "submitted_at", "eligible", "decision"]
    list_filter = [
        "round",
        "decision",
        "postcode_area__area",
        "m5_council",
        "m5_employee",
        "m5_commercial",
        "m5_political",
    ]
    search_fields = ["first_name", "last_name", "email"]
    list_select_related = ["round", "postcode_area"]
    fieldsets = [
        (
            _("Person"),
            {
                "fields": [
                    "round",
                    "first_name",
                    "last_name",
                    "email",
                    "phone",
                    "street_address",
                    "postcode",
                    "postcode_area",
                    "date_of_birth",
                ]
            },
        ),
        (
            _("Application"),
            {"fields": ["motivation", "network", "knowledge_themes", "personal_capacity"]},
        ),
        (
            _("Special personal data (secretariat only)"),
            {
                "fields": [
                    "cultural_background",
                    "experience_themes",
                    "special_consent_at",
                    "special_consent_version",
                ]
            },
        ),
        (
            _("Incompatibilities (M5)"),
            {"fields": M5AnswersAdminMixin.m5_answer_fields},
        ),
        (
            _("Decision (M3)"),
            {"fields": ["decision", "decided_by", "decided_at", "decision_reason", "member"]},
        ),
    ]

    readonly_fields = M5AnswersAdminMixin.m5_answer_fields

    @admin.display(description=_("eligible"), boolean=True)
    def eligible(self, obj):
        return obj.is_eligible

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Read-only: the decision goes through decide_view and the service, never the form.
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="members_application_decide",
            ),
            *super().get_urls(),
        ]

    def _may_decide(self, request, application: Application) -> bool:
        return (
            request.user.has_perm("members.decide_application")
            and application.decision in OPEN_DECISIONS
        )

    def _decision_context(self, application: Application, form: DecisionForm) -> dict:
        warning = ""
        if not application.is_eligible:
            warning = gettext(
                "This applicant answered yes to an incompatibility question: they cannot be "
                "admitted or put on the reserve list. You can decline the application, with "
                "the reason."
            )
        return {
            "decision_form": form,
            "action_url": reverse("admin:members_application_decide", args=[application.pk]),
            "warning": warning,
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if application is not None and self._may_decide(request, application):
            form = DecisionForm(application=application)
            extra_context.update(self._decision_context(application, form))
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, pk: int):
        application = get_object_or_404(Application.objects.select_related("round"), pk=pk)
        if not self.has_view_permission(request, application):
            raise PermissionDenied
        change_url = reverse("admin:members_application_change", args=[pk])
        if not self._may_decide(request, application):
            if request.user.has_perm("members.decide_application"):
                return redirect(change_url)
            raise PermissionDenied
        form = DecisionForm(request.POST or None, application=application)
        if request.method == "POST" and form.is_valid() and form.decide(request):
            decision = form.cleaned_data["decision"]
            messages.success(request, decided_message(application, decision))
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": application,
            **self._decision_context(application, form),
            "title": gettext("Decide on the application of %(name)s")
            % {"name": f"{application.first_name} {application.last_name}"},
        }
        return TemplateResponse(request, "admin/includes/decide.html", context)


@admin.register(RecruitmentRound)
class RecruitmentRoundAdmin(admin.ModelAdmin):
    list_display = ["year", "opens_on", "closes_on"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "active"]
    list_editable = ["position", "active"]
    search_fields = ["name"]


@admin.register(PostcodeArea)
class PostcodeAreaAdmin(admin.ModelAdmin):
    list_display = ["digits", "district", "area"]
    list_filter = ["area"]
    search_fields = ["digits", "district"]


@admin.register(TermExtensionRequest)
class TermExtensionRequestAdmin(admin.ModelAdmin):
    list_display = ["member", "months", "status", "requested_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["member", "decided_by"]
    readonly_fields = [
        "member",
        "months",
        "motivation",
        "status",
        "requested_at",
        "decided_by",
        "decided_at",
        "decision_reason",
    ]
    actions = ["grant", "refuse"]

    def has_add_permission(self, request):
        return False

    # M7: a decided request is the record the member's extension rests on; only a
    # pending one may be deleted (the database would take a granted one's months back).
    def has_delete_permission(self, request, obj=None):
        pending = obj is None or obj.status == TermExtensionRequest.Status.PENDING
        return pending and super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        decided = queryset.exclude(status=TermExtensionRequest.Status.PENDING)
        if decided.exists():
            self.message_user(
                request,
                _("Decided requests are kept (M7): %(count)d not deleted.")
                % {"count": decided.count()},
                messages.WARNING,
            )
        queryset.filter(status=TermExtensionRequest.Status.PENDING).delete()

    @admin.action(description=_("Refuse the extension, with a reason"), permissions=["change"])
    def refuse(self, request, queryset):
        pending = queryset.filter(status=TermExtensionRequest.Status.PENDING)
        reason = request.POST.get("reason", "").strip()
        if "apply" in request.POST and reason:
            for extension in pending:
                try:
                    term_extension_decide(
                        request=extension, grant=False, by=request.user, reason=reason
                    )
                except ValidationError as error:
                    self.message_user(
                        request, f"{extension.member}: {error_text(error)}", messages.ERROR
                    )
            self.message_user(request, _("%(count)d requests refused.") % {"count": len(pending)})
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Refuse the extension"),
            "requests": pending,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "reason_missing": "apply" in request.POST,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/members/termextensionrequest/refuse.html", context)

    @admin.action(
        description=_("Grant the extension (M7: once, at most a year)"), permissions=["change"]
    )
    def grant(self, request, queryset):
        for extension in queryset.filter(status=TermExtensionRequest.Status.PENDING):
            try:
                term_extension_decide(request=extension, grant=True, by=request.user)
                self.message_user(
                    request, _("%(member)s: extension granted.") % {"member": extension.member}
                )
            except ValidationError as error:
                self.message_user(
                    request, f"{extension.member}: {error_text(error)}", messages.ERROR
                )


@admin.register(IncompatibilityDeclaration)
class IncompatibilityDeclarationAdmin(M5AnswersAdminMixin, admin.ModelAdmin):
    list_display = ["member", "year", *M5AnswersAdminMixin.m5_answer_fields, "declared_at"]
    fields = list_display
    readonly_fields = list_display
    list_filter = ["year", "m5_council", "m5_employee", "m5_commercial", "m5_political"]
    list_select_related = ["member"]

    # A declaration deleted (made by mistake) may lift the M5 mark on the membership.
    def delete_model(self, request, obj):
        declaration_delete(declaration=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for declaration in queryset:
            declaration_delete(declaration=declaration, by=request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Issue 15: the mail outbox (replaces django-post-office's admin).
from members import outbox_admin  # noqa: E402, F401
