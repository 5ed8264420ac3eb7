"""The outbox in the admin (issue 15): what waits, what failed and why; send again.

Replaces django-post-office's own admin, which lets staff edit a mail, read its body and
send it at once from the request (twice, if the worker had it too). Here the secretariat
sees recipients, subject, state, attempts and each attempt's error, never the body: it
may hold a password-reset link or special-category data. "Send again" only queues; the
worker sends.
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from post_office.models import STATUS, Attachment, Email, EmailTemplate, Log

from members.models import OutgoingMail
from members.services.outbox import outbox_requeue

for model in (Email, Log, EmailTemplate, Attachment):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

STATUS_LABELS = {
    STATUS.queued: _("Waiting to be sent"),
    STATUS.requeued: _("Waiting to retry"),
    STATUS.failed: _("Failed"),
    STATUS.sent: _("Sent"),
}


def _when(moment) -> str:
    """A moment in the admin's words: local time, Dutch format (the admin shows a
    callable's datetime raw)."""
    return date_format(localtime(moment), "DATETIME_FORMAT")


class MailStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("Waiting (to be sent or to retry)")),
            ("failed", _("Failed")),
            ("sent", _("Sent")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "waiting":
                return queryset.filter(status__in=[STATUS.queued, STATUS.requeued])
            case "failed":
                return queryset.filter(status=STATUS.failed)
            case "sent":
                return queryset.filter(status=STATUS.sent)
        return queryset


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["queued_at", "recipients", "mail_subject", "state", "attempts", "next_attempt"]
    list_filter = [MailStatusFilter]
    search_fields = ["to", "subject"]
    ordering = ["-created"]
    date_hierarchy = "created"
    fields = [
        "recipients",
        "mail_subject",
        "state",
        "attempts",
        "queued_at",
        "changed_at",
        "next_attempt",
        "attempt_log",
    ]
    readonly_fields = fields
    actions = ["send_again"]

    # Only who may change the outbox (the secretariat) sees it: subjects and addresses are
    # personal data, and the read-only steering group has no business with them.
    def get_queryset(self, request):
        return super().get_queryset(request).annotate(attempt_count=Count("logs"))

    def has_module_permission(self, request):
        return request.user.has_perm("members.change_outgoingmail")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("members.change_outgoingmail")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # read-only; "send again" checks its own permission

    def has_send_permission(self, request):
        return request.user.has_perm("members.change_outgoingmail")

    @admin.display(description=_("to"))
    def recipients(self, mail):
        return ", ".join([*mail.to, *mail.cc, *mail.bcc])

    @admin.display(description=_("queued at"), ordering="created")
    def queued_at(self, mail):
        return _when(mail.created)

    @admin.display(description=_("last change"), ordering="last_updated")
    def changed_at(self, mail):
        return _when(mail.last_updated)

    @admin.display(description=_("subject"), ordering="subject")
    def mail_subject(self, mail):
        return mail.subject

    @admin.display(description=_("state"), ordering="status")
    def state(self, mail):
        return STATUS_LABELS.get(mail.status, "-")

    @admin.display(description=_("attempts"), ordering="attempt_count")
    def attempts(self, mail):
        return mail.attempt_count

    @admin.display(description=_("next attempt"), ordering="scheduled_time")
    def next_attempt(self, mail):
        if mail.status in (STATUS.queued, STATUS.requeued):
            return _when(mail.scheduled_time) if mail.scheduled_time else _("now")
        return "-"

    @admin.display(description=_("attempts and errors"))
    def attempt_log(self, mail):
        rows = [
            (
                _when(log.date),
                STATUS_LABELS.get(log.status, "-"),
                log.exception_type,
                log.message,
            )
            for log in mail.logs.order_by("date")
        ]
        if not rows:
            return _("Not tried yet.")
        return format_html_join("", "<p>{}: {} {} {}</p>", rows)

    @admin.action(description=_("Send again"), permissions=["send"])
    def send_again(self, request, queryset):
        count = outbox_requeue(emails=queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d mail is queued again; the mail worker sends it shortly.",
                "%(count)d mails are queued again; the mail worker sends them shortly.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
