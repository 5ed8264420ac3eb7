"""Admin of the annual report's foreword (issue 8): the steering group writes it and
publishes the year's report through the action "Publish" (annual_report_publish)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members.shared import error_text
from steering.models import AnnualReport
from steering.services.reports import annual_report_publish, annual_report_withdraw


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    change_list_template = "admin/steering/meetings/change_list.html"
    change_form_template = "admin/steering/meetings/change_form.html"
    list_display = ["year", "published_at", "written_by", "report_link"]
    fields = ["year", "foreword", "published_at", "written_by", "report_link"]
    readonly_fields = ["published_at", "written_by", "report_link"]
    actions = ["publish", "withdraw"]

    @admin.display(description=_("report"))
    def report_link(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        url = reverse("annual_report:detail", kwargs={"year": obj.year})
        return format_html('<a href="{}">{}</a>', url, gettext("View the report"))

    def save_model(self, request, obj, form, change):
        obj.written_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish the annual report"), permissions=["change"])
    def publish(self, request, queryset):
        for report in queryset:
            try:
                annual_report_publish(report=report, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{report}: {error_text(error)}", messages.ERROR)
            else:
                self.message_user(request, gettext("%(report)s: published.") % {"report": report})

    @admin.action(
        description=_("Withdraw the annual report from the website"), permissions=["change"]
    )
    def withdraw(self, request, queryset):
        for report in queryset:
            annual_report_withdraw(report=report, by=request.user)
            self.message_user(request, gettext("%(report)s: withdrawn.") % {"report": report})
