"""Admin of seats and elections (S1–S4).

A seat is added through seat_assign, its role and tasks change through seat_update_role
and it ends through seat_end (action); an election is opened through election_open and
counted through election_close (action, or the command election_close). Ballots are not
registered here: nobody looks at a ballot, let alone next to a voter.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members.shared import ReadOnlyInlineMixin, error_text
from steering.governance_forms import (
    DATETIME_INPUT,
    ElectionChangeForm,
    ElectionOpenForm,
    SeatAddForm,
    SeatChangeForm,
    SeatEndForm,
)
from steering.models import Candidate, Election, Seat, SeatEndReason
from steering.selectors.governance import (
    ENDING_SOON_DAYS,
    election_phase,
    free_seats_on,
    term_suggest,
)
from steering.services.elections import election_close
from steering.services.seats import seat_end

ACTION_CHECKBOX = admin.helpers.ACTION_CHECKBOX_NAME
# Every crumb a link (WCAG 1.4.1), as the other admin pages of the project.
CHANGE_LIST = "admin/steering/governance/change_list.html"
CHANGE_FORM = "admin/steering/governance/change_form.html"


def _held_on(day: datetime.date) -> Q:
    return Q(starts_on__lte=day, term_end__gte=day) & (
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )


class HeldTodayFilter(admin.SimpleListFilter):
    title = _("held today")
    parameter_name = "held"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        held = _held_on(timezone.localdate())
        if self.value() == "yes":
            return queryset.filter(held)
        if self.value() == "no":
            return queryset.exclude(held)
        return queryset


class EndingSoonFilter(admin.SimpleListFilter):
    title = _("term ends within 3 months")
    parameter_name = "ending"

    def lookups(self, request, model_admin):
        return [("soon", _("Yes"))]

    def queryset(self, request, queryset):
        if self.value() == "soon":
            today = timezone.localdate()
            return queryset.filter(_held_on(today)).filter(
                term_end__lte=today + datetime.timedelta(days=ENDING_SOON_DAYS)
            )
        return queryset


@admin.register(Seat)
class SeatAdmin(admin.ModelAdmin):
    change_list_template = CHANGE_LIST
    change_form_template = CHANGE_FORM
    list_display = [
        "member", "role", "source", "starts_on", "term_end", "ended_on", "end_reason", "held_today",
    ]  # fmt: skip
    list_filter = [HeldTodayFilter, EndingSoonFilter, "role", "source"]
    search_fields = ["member__first_name", "member__last_name"]
    list_select_related = ["member"]
    date_hierarchy = "starts_on"
    actions = ["end_seats"]
    autocomplete_fields = []
    readonly_fields = [
        "member", "source", "election", "starts_on", "term_years", "term_end", "ended_on",
        "end_reason", "created_at",
    ]  # fmt: skip

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = SeatChangeForm if obj else SeatAddForm
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(f"{form.__name__}For", (form,), {"by": request.user})

    def get_fields(self, request, obj=None):
        if obj is None:
            return SeatAddForm.Meta.fields
        return ["role", "tasks", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "member":
            kwargs["queryset"] = db_field.related_model.objects.filter(ended_on__isnull=True)
        if db_field.name == "election":
            kwargs["queryset"] = Election.objects.filter(results_at__isnull=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("held today"), boolean=True)
    def held_today(self, obj):
        return obj.is_held_on(timezone.localdate())

    def has_delete_permission(self, request, obj=None):
        return False  # a seat is ended (action), never deleted: the schedule keeps its history

    def save_model(self, request, obj, form, change):
        pass  # saved by seat_assign / seat_update_role while the form was validated

    @admin.action(description=_("End the selected seats…"), permissions=["change"])
    def end_seats(self, request, queryset):
        seats = list(queryset.select_related("member").order_by("pk"))
        if "apply" in request.POST:
            form = SeatEndForm(request.POST)
            if form.is_valid():
                for seat in seats:
                    try:
                        seat_end(
                            seat=seat,
                            on=form.cleaned_data["ended_on"],
                            reason=form.cleaned_data["end_reason"],
                            by=request.user,
                        )
                    except ValidationError as error:
                        self.message_user(request, f"{seat}: {error_text(error)}", messages.ERROR)
                    else:
                        self.message_user(request, gettext("%(seat)s: ended.") % {"seat": seat})
                return None
        else:
            form = SeatEndForm(
                initial={"ended_on": timezone.localdate(), "end_reason": SeatEndReason.RESIGNED}
            )
        return TemplateResponse(
            request,
            "admin/steering/governance/seat_end.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("End seats"),
                "seats": seats,
                "form": form,
                "selected": request.POST.getlist(ACTION_CHECKBOX),
            },
        )


class CandidateInline(ReadOnlyInlineMixin, admin.TabularInline):
    """Read-only: members stand in the portal; the count fills votes and elected."""

    model = Candidate
    fields = ["member", "statement", "nominated_at", "withdrawn_at", "votes", "elected"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member")


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    change_list_template = CHANGE_LIST
    change_form_template = CHANGE_FORM
    formfield_overrides = {
        models.DateTimeField: {"form_class": forms.DateTimeField, "widget": DATETIME_INPUT}
    }
    list_display = [
        "title", "seats", "term_years", "voting_opens_at", "voting_closes_at", "phase",
        "turnout", "results_at",
    ]  # fmt: skip
    search_fields = ["title"]
    date_hierarchy = "voting_closes_at"
    actions = ["determine_results"]
    inlines = [CandidateInline]
    readonly_fields = [
        "seats", "term_years", "seats_start_on", "nomination_opens_at", "nomination_closes_at",
        "voting_opens_at", "voting_closes_at", "tie_rule", "turnout", "ballots_cast",
        "results_at", "tie_break_note", "results_note", "opened_by", "created_at",
    ]  # fmt: skip

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                roll_count=Count("roll", distinct=True),
                ballot_count=Count("ballots", distinct=True),
            )
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = ElectionChangeForm if obj else ElectionOpenForm
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(f"{form.__name__}For", (form,), {"by": request.user})

    def get_fields(self, request, obj=None):
        if obj is None:
            return ElectionOpenForm.Meta.fields
        return ["title", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    def get_changeform_initial_data(self, request):
        """Suggest the seats free on 1 January and a term that keeps the schedule (S4)."""
        today = timezone.localdate()
        start = datetime.date(today.year + 1, 1, 1)
        initial = {"seats_start_on": start, "seats": max(free_seats_on(start), 1)}
        suggestion = term_suggest(start, initial["seats"])
        if suggestion:
            initial["term_years"] = suggestion
        return {**initial, **super().get_changeform_initial_data(request)}

    @admin.display(description=_("status"))
    def phase(self, obj):
        labels = {
            "upcoming": gettext("nominations not open yet"),
            "nomination": gettext("nominations open"),
            "between": gettext("nominations closed"),
            "voting": gettext("voting open"),
            "counting": gettext("voting closed, not counted yet"),
            "closed": gettext("results determined"),
        }
        return labels[election_phase(obj)]

    @admin.display(description=_("members who voted"), ordering="roll_count")
    def turnout(self, obj):
        return getattr(obj, "roll_count", None)

    @admin.display(description=_("ballots"))
    def ballots_cast(self, obj):
        return getattr(obj, "ballot_count", None)

    def has_delete_permission(self, request, obj=None):
        """Only an election nobody stood or voted in yet (a mistake) can be deleted."""
        if obj is not None and (
            obj.candidates.exists() or obj.roll.exists() or obj.elected_seats.exists()
        ):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            if form.changed_data:
                obj.save(update_fields=form.changed_data)
            return
        # added by election_open while the form was validated

    @admin.action(description=_("Determine the results"), permissions=["change"])
    def determine_results(self, request, queryset):
        for election in queryset.order_by("pk"):
            try:
                election = election_close(election=election, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{election}: {error_text(error)}", messages.ERROR)
            else:
                self.message_user(
                    request, gettext("%(election)s: results determined.") % {"election": election}
                )
