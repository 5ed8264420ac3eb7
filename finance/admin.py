"""Finance in the admin: budget years with their sources and lines; bookings; claims.

Bookings are never changed or deleted (the database refuses it, migration 0002): a new
booking goes through finance.services.booking_add, a correction through the action
"Correct…" and finance.services.booking_correct.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from finance.forms import DecisionForm
from finance.models import Booking, BudgetLine, BudgetYear, ExpenseClaim, FundingSource
from finance.services import (
    book_sources,
    booking_add,
    booking_correct,
    claim_approve,
    claim_reject,
)
from members.formats import MONEY_FORMFIELD_OVERRIDES, IsoDateInput, MoneyFormField, format_money
from members.shared import YearFilter, error_text

ACTION_CHECKBOX = admin.helpers.ACTION_CHECKBOX_NAME
EMPTY = "—"


class FundingSourceInline(admin.StackedInline):  # stacked: every input has its label
    model = FundingSource
    extra = 0
    formfield_overrides = MONEY_FORMFIELD_OVERRIDES
    fields = [("name", "amount")]


class BudgetLineInline(admin.StackedInline):
    model = BudgetLine
    extra = 0
    formfield_overrides = MONEY_FORMFIELD_OVERRIDES  # amounts, and the quantity (0,66 fte)
    fields = [
        ("position", "name", "kind"),
        ("basis", "unit_amount"),
        ("assumed_members", "assumed_meetings", "quantity"),
        ("stated_amount", "note"),
        ("formula", "budget", "difference"),
    ]
    readonly_fields = ["formula", "budget", "difference"]

    @admin.display(description=_("formula"))
    def formula(self, obj):
        return format_money(obj.formula_amount) if obj and obj.pk else EMPTY

    @admin.display(description=_("budgeted"))
    def budget(self, obj):
        return format_money(obj.budget_amount) if obj and obj.pk else EMPTY

    @admin.display(description=_("difference from the formula"))
    def difference(self, obj):
        return format_money(obj.difference) if obj and obj.pk and obj.difference else EMPTY


@admin.register(BudgetYear)
class BudgetYearAdmin(admin.ModelAdmin):
    list_display = ["year", "closed", "available", "budgeted"]
    list_filter = ["closed"]
    fields = ["year", "closed", "note", "available", "budgeted", "unallocated"]
    readonly_fields = ["available", "budgeted", "unallocated"]
    inlines = [FundingSourceInline, BudgetLineInline]
    actions = ["book_automatic_sources"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sources", "lines")

    @admin.action(
        description=_("Book plenary attendance, trajectories and training (once each)"),
        permissions=["change"],
    )
    def book_automatic_sources(self, request, queryset):
        for budget_year in queryset.order_by("year"):
            result = book_sources(year=budget_year.year, by=request.user)
            for reason in result.skipped:
                self.message_user(request, reason, messages.WARNING)
            self.message_user(
                request,
                gettext("%(year)s: %(count)s bookings added.")
                % {"year": budget_year.year, "count": result.total},
            )

    def _available(self, obj):
        return sum((source.amount for source in obj.sources.all()), start=0)

    def _budgeted(self, obj):
        return sum((line.budget_amount or 0 for line in obj.lines.all()), start=0)

    @admin.display(description=_("available"))
    def available(self, obj):
        return format_money(self._available(obj)) if obj and obj.pk else EMPTY

    @admin.display(description=_("budgeted"))
    def budgeted(self, obj):
        return format_money(self._budgeted(obj)) if obj and obj.pk else EMPTY

    @admin.display(description=_("unallocated"))
    def unallocated(self, obj):
        if not (obj and obj.pk):
            return EMPTY
        return format_money(self._available(obj) - self._budgeted(obj))


class BookingAddForm(forms.ModelForm):
    """Adding a booking books it through booking_add; its refusals are form errors."""

    by = None  # set by BookingAdmin.get_form

    class Meta:
        model = Booking
        fields = ["line", "date", "amount", "description", "counterparty", "receipt"]
        field_classes = {"amount": MoneyFormField}  # 1.250,50 as the Dutch write it

    def _post_clean(self):
        super()._post_clean()
        if self.errors or self.instance.pk:
            return
        data = self.cleaned_data
        try:
            booking, _created = booking_add(
                line=data["line"],
                date=data["date"],
                amount=data["amount"],
                description=data["description"],
                counterparty=data.get("counterparty", ""),
                receipt=data.get("receipt") or None,
                by=self.by,
            )
        except ValidationError as error:
            self.add_error(None, error)
        else:
            self.instance = booking


class CorrectionForm(forms.Form):
    amount = MoneyFormField(
        label=_("Amount of the correction"),
        help_text=_("The amount booked in addition: negative to book back, e.g. -10,00."),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    date = forms.DateField(label=_("Date"), widget=IsoDateInput)


class BudgetYearFilter(YearFilter):
    """The budget's years, also those without a booking yet."""

    lookup = "line__budget_year__year"

    def years(self, request, model_admin) -> list[int]:
        return list(BudgetYear.objects.order_by("-year").values_list("year", flat=True))


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    form = BookingAddForm
    list_display = ["date", "line", "amount_display", "description", "counterparty", "source"]
    list_filter = [BudgetYearFilter, "line", "source"]
    search_fields = ["description", "counterparty", "reason"]
    list_select_related = ["line__budget_year"]
    date_hierarchy = "date"
    ordering = ["-date", "-pk"]  # issue 18.5: newest first (the reports read oldest first)
    actions = ["correct"]
    readonly_fields = ["source", "source_key", "corrects", "reason", "created_by", "created_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return BookingAddForm.Meta.fields
        return [*BookingAddForm.Meta.fields, *self.readonly_fields]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type("BookingAddFormFor", (form,), {"by": request.user})

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, obj):
        return format_money(obj.amount)

    def has_change_permission(self, request, obj=None):
        return False  # booked amounts never change: correct them with a new booking

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        pass  # booked by booking_add while the form was validated

    @admin.action(description=_("Correct…"), permissions=["add"])
    def correct(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, gettext("Select one booking to correct."), messages.ERROR)
            return None
        booking = queryset.select_related("line__budget_year").get()
        if "apply" in request.POST:
            form = CorrectionForm(request.POST)
            if form.is_valid():
                try:
                    booking_correct(booking=booking, by=request.user, **form.cleaned_data)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    self.message_user(
                        request, gettext("%(booking)s: corrected.") % {"booking": booking}
                    )
                    return None
        else:
            form = CorrectionForm(initial={"date": timezone.localdate()})
        return TemplateResponse(
            request,
            "admin/finance/booking/correct.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Correct a booking"),
                "booking": booking,
                "form": form,
                "selected": request.POST.getlist(ACTION_CHECKBOX),
            },
        )


class ClaimYearFilter(BudgetYearFilter):
    lookup = "date__year"


@admin.register(ExpenseClaim)
class ExpenseClaimAdmin(admin.ModelAdmin):
    """M9: claims come from the portal and never change; the secretariat approves
    (booked through claim_approve) or rejects with a reason (claim_reject)."""

    list_display = [
        "submitted_at", "member", "date", "amount_display", "description", "status",
        "over_allowance",
    ]  # fmt: skip
    list_filter = ["status", "over_allowance", ClaimYearFilter]
    search_fields = ["description", "member__first_name", "member__last_name"]
    list_select_related = ["member"]
    date_hierarchy = "date"
    ordering = ["-submitted_at", "-pk"]  # issue 18.5: newest first
    actions = ["approve", "reject"]
    fields = [
        "member", "date", "amount_display", "description", "receipt_link", "status",
        "over_allowance", "submitted_at", "decided_by", "decided_at", "reason", "booking",
    ]  # fmt: skip
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member", "decided_by", "booking")

    def get_fields(self, request, obj=None):
        if self.has_decide_permission(request):
            return self.fields
        return [name for name in self.fields if name != "receipt_link"]  # M9: not for others

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, obj):
        return format_money(obj.amount)

    @admin.display(description=_("receipt"))
    def receipt_link(self, obj):
        # Through the permission-checked view, never the media URL (only the secretariat
        # and the member see a receipt).
        url = reverse("finance:claim-receipt", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Download the receipt"))

    def has_add_permission(self, request):
        return False  # members claim in the portal

    def has_change_permission(self, request, obj=None):
        return False  # a claim never changes; it is decided through the actions

    def has_delete_permission(self, request, obj=None):
        return False

    def _decide_each(self, request, queryset, decide):
        for claim in queryset.filter(status=ExpenseClaim.Status.SUBMITTED):
            try:
                decide(claim)
            except ValidationError as error:
                self.message_user(request, f"{claim}: {error_text(error)}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("%(claim)s: %(status)s.")
                    % {"claim": claim, "status": ExpenseClaim.Status(claim.status).label},
                )

    @admin.action(description=_("Approve and book"), permissions=["decide"])
    def approve(self, request, queryset):
        def decide(claim):
            approved = claim_approve(claim=claim, by=request.user)
            claim.status = approved.status

        self._decide_each(request, queryset, decide)

    @admin.action(description=_("Reject, with a reason"), permissions=["decide"])
    def reject(self, request, queryset):
        reason = request.POST.get("reason", "").strip()
        if "apply" in request.POST and reason:

            def decide(claim):
                rejected = claim_reject(claim=claim, by=request.user, reason=reason)
                claim.status = rejected.status

            self._decide_each(request, queryset, decide)
            return None
        return TemplateResponse(
            request,
            "admin/finance/expenseclaim/reject.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Reject expense claims"),
                "claims": queryset.filter(status=ExpenseClaim.Status.SUBMITTED).select_related(
                    "member"
                ),
                "selected": request.POST.getlist(ACTION_CHECKBOX),
                "reason_missing": "apply" in request.POST,
            },
        )

    def has_decide_permission(self, request):
        return request.user.has_perm("finance.decide_expenseclaim")

    # Issue 18.2: a claim is decided on its own page too, with the portal's decision form
    # and the same services.
    def get_urls(self):
        return [
            path(
                "<int:pk>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="finance_expenseclaim_decide",
            ),
            *super().get_urls(),
        ]

    def _may_decide(self, request, claim: ExpenseClaim) -> bool:
        return self.has_decide_permission(request) and claim.status == ExpenseClaim.Status.SUBMITTED

    def _decision_context(self, claim: ExpenseClaim, form: DecisionForm) -> dict:
        warning = ""
        if claim.over_allowance:
            warning = gettext("This claim goes over the member's yearly allowance.")
        return {
            "decision_form": form,
            "action_url": reverse("admin:finance_expenseclaim_decide", args=[claim.pk]),
            "warning": warning,
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if claim is not None and self._may_decide(request, claim):
            extra_context.update(self._decision_context(claim, DecisionForm()))
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, pk: int):
        claim = get_object_or_404(ExpenseClaim.objects.select_related("member"), pk=pk)
        if not self.has_decide_permission(request):
            raise PermissionDenied
        change_url = reverse("admin:finance_expenseclaim_change", args=[pk])
        if not self._may_decide(request, claim):
            return redirect(change_url)
        form = DecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            done = form.decide(claim, by=request.user)
            if done:
                self.message_user(request, done)
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": claim,
            **self._decision_context(claim, form),
            "title": gettext("Decide on the claim %(claim)s") % {"claim": claim},
        }
        return TemplateResponse(request, "admin/includes/decide.html", context)
