from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "email", "phone"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "short_name"]}),
        (_("Contact details"), {"fields": ["email", "phone", "postal_address", "website"]}),
    ]

    def has_add_permission(self, request):
        # Asked several times a page (app list, index): the row's existence once a request.
        if not hasattr(request, "_asdg_organisation_exists"):
            request._asdg_organisation_exists = Organisation.objects.exists()
        return not request._asdg_organisation_exists and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
