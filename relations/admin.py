"""The register of relations in the admin: the Stuurgroep and the Secretariaat keep it
(issue 23.6). The contact log on an organisation's page is added by steering, which
holds the log (steering/admin/relations.py)."""

from functools import partial

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from relations.models import PRIVACY_HELP, ContactPerson, Organisation

# Every crumb a link (axe link-in-text-block), as on the steering group's admin pages.
CHANGE_LIST = "admin/steering/meetings/change_list.html"
CHANGE_FORM = "admin/steering/meetings/change_form.html"


class ContactPersonInline(admin.StackedInline):
    # Stacked: every field has its own label (a tabular row's inputs have none for axe).
    model = ContactPerson
    fields = ["name", "role", "email", "phone"]
    extra = 0


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "website", "notes", "contacts_per_year"]
        field_classes = {"website": partial(forms.URLField, assume_scheme="https")}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationForm
    change_list_template = CHANGE_LIST
    change_form_template = CHANGE_FORM
    list_display = ["name", "kind", "contacts_per_year"]
    list_filter = ["kind"]
    search_fields = ["name", "contact_persons__name"]
    readonly_fields = ["created_at"]
    fieldsets = [
        (
            None,
            {
                "description": PRIVACY_HELP,
                "fields": ["name", "kind", "website", "notes", "created_at"],
            },
        ),
        (_("Agreed rhythm of contact"), {"fields": ["contacts_per_year"]}),
    ]
    inlines = [ContactPersonInline]


@admin.register(ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    change_list_template = CHANGE_LIST
    change_form_template = CHANGE_FORM
    list_display = ["name", "role", "organisation", "email", "phone"]
    list_filter = ["organisation__kind"]
    search_fields = ["name", "role", "organisation__name"]
    list_select_related = ["organisation"]
    readonly_fields = ["created_at"]
    fieldsets = [
        (
            None,
            {
                "description": PRIVACY_HELP,
                "fields": ["organisation", "name", "role", "email", "phone", "created_at"],
            },
        ),
    ]
