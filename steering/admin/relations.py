"""The contact log (afstemming, issue 23.2) in the admin, and the contacts in time order
on the pages of an organisation and of an advice trajectory.

relations and advices sit below steering, which holds the log: this app re-registers the
organisation admin with its contacts (the trajectory admin gets them in trajectories.py).
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advices.choosers import TrajectoryChoiceField, newest_first
from advices.models import Trajectory
from members.models import Member
from members.shared import add_refusal
from relations.admin import OrganisationAdmin
from relations.models import PRIVACY_HELP, Organisation
from steering.admin.meetings import CHANGE_FORM, CHANGE_LIST
from steering.models import ContactLogEntry
from steering.selectors.relations import contact_log_of_organisation, lapsed_relations
from steering.services.relations import contact_log_check_with_whom


def contact_log_html(entries) -> str:
    """A list of contacts, oldest first: date, subject, with whom; each a link to its entry."""
    rows = [
        (
            reverse("admin:steering_contactlogentry_change", args=[entry.pk]),
            f"{entry.date:%d-%m-%Y}",
            entry.subject,
            ", ".join(
                [str(o) for o in entry.organisations.all()]
                + [p.name for p in entry.contact_persons.all()]
            ),
        )
        for entry in entries
    ]
    if not rows:
        return gettext("No contacts logged yet.")
    return format_html(
        '<ol class="contact-log">{}</ol>',
        format_html_join("", '<li><a href="{}">{}</a>: {} ({})</li>', rows),
    )


class ContactLogEntryForm(forms.ModelForm):
    class Meta:
        model = ContactLogEntry
        fields = [
            "date", "ours", "organisations", "contact_persons", "subject", "note",
            "trajectory", "consultation", "watch_item", "subject_proposal",
        ]  # fmt: skip
        field_classes = {"trajectory": TrajectoryChoiceField}  # issue 18.5: with its date

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "trajectory" in self.fields:
            self.fields["trajectory"].queryset = newest_first(Trajectory.objects.all())

    def clean(self):
        cleaned = super().clean()
        try:
            contact_log_check_with_whom(
                organisations=cleaned.get("organisations"),
                contact_persons=cleaned.get("contact_persons"),
            )
        except forms.ValidationError as error:
            add_refusal(self, error)
        return cleaned


@admin.register(ContactLogEntry)
class ContactLogEntryAdmin(admin.ModelAdmin):
    form = ContactLogEntryForm
    change_list_template = CHANGE_LIST
    change_form_template = CHANGE_FORM
    list_display = ["date", "subject", "with_whom", "trajectory"]
    list_filter = ["organisations__kind"]
    search_fields = ["subject", "note", "organisations__name", "contact_persons__name"]
    date_hierarchy = "date"
    list_select_related = ["trajectory"]
    readonly_fields = ["recorded_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["date", "ours", "organisations", "contact_persons"]}),
        (None, {"description": PRIVACY_HELP, "fields": ["subject", "note"]}),
        (
            _("Linked to"),
            {"fields": ["trajectory", "consultation", "watch_item", "subject_proposal"]},
        ),
        (None, {"fields": ["recorded_by", "created_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("organisations", "contact_persons")

    @admin.display(description=_("with"))
    def with_whom(self, entry):
        return ", ".join(
            [str(o) for o in entry.organisations.all()]
            + [p.name for p in entry.contact_persons.all()]
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "ours":
            kwargs["queryset"] = Member.objects.filter(ended_on__isnull=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    def changelist_view(self, request, extra_context=None):
        warnings = [lapsed.message for lapsed in lapsed_relations(timezone.localdate())]
        return super().changelist_view(request, {**(extra_context or {}), "warnings": warnings})


class OrganisationWithContactsAdmin(OrganisationAdmin):
    """23.2: the organisation's page lists its contacts in time order."""

    readonly_fields = [*OrganisationAdmin.readonly_fields, "contact_log"]
    fieldsets = [
        *OrganisationAdmin.fieldsets,
        (_("Contacts (afstemming)"), {"fields": ["contact_log"]}),
    ]

    @admin.display(description=_("contacts, oldest first"))
    def contact_log(self, organisation):
        if organisation.pk is None:
            return "—"
        return contact_log_html(contact_log_of_organisation(organisation))


admin.site.unregister(Organisation)
admin.site.register(Organisation, OrganisationWithContactsAdmin)
