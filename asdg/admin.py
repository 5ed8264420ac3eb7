"""Third-party admin pages adjusted for ASDG.

- Issue 15.8: every admin action declares its permissions (tests/asdg/test_admin_actions.py);
  django-axes' clean-up action does not, so it is declared here.
- Issue 15.1: a second-factor device deleted in the admin goes through the service, so
  that it is an audit event and its holder gets an e-mail; a superuser's device is
  deleted by a superuser only.
- Issue 18.3: the admin is Dutch throughout. django-axes and django-otp ship no Dutch
  catalogue, and django-otp names its devices and fields in plain strings; their names,
  columns and search help are given English msgids here, which the project's catalogue
  translates. Only the model names change at run time; the migrations read the models'
  original options (Options.original_attrs), so none are made.
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.roles import permission_label
from members.services.accounts import second_factor_device_remove


class ASDGGroupAdmin(GroupAdmin):
    """The roles, their rights named in Dutch (members.roles.permission_label)."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "permissions":
            field.label_from_instance = permission_label
        return field

    # Who may only look (the secretariat) sees the rights as a list, in Dutch too.
    def get_fields(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            return ["name", "rights"]
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            return ["name", "rights"]
        return super().get_readonly_fields(request, obj)

    @admin.display(description=_("permissions"))
    def rights(self, group):
        permissions = group.permissions.select_related("content_type").order_by(
            "content_type__app_label", "content_type__model", "codename"
        )
        return format_html_join(
            mark_safe("<br>"), "{}", ((permission_label(p),) for p in permissions)
        )


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else "—"


# django-axes names its rows in English with a raw timestamp ("Access Log for x @
# 2026-12-06 19:48:15.445279+00:00"), which the admin shows as the page's title.
def _access_log_str(log) -> str:
    return gettext("Sign-in of %(username)s on %(when)s") % {
        "username": log.username, "when": _when(log.attempt_time)
    }  # fmt: skip


def _access_attempt_str(attempt) -> str:
    return gettext("Failed sign-in of %(username)s on %(when)s") % {
        "username": attempt.username, "when": _when(attempt.attempt_time)
    }  # fmt: skip


AccessLog.__str__ = _access_log_str
AccessAttempt.__str__ = _access_attempt_str


class ASDGAccessAttemptAdmin(AccessAttemptAdmin):
    @admin.action(description=_("Clean up expired attempts"), permissions=["delete"])
    def cleanup_expired_attempts(self, request, queryset):
        return super().cleanup_expired_attempts(request, queryset)


# django-axes' own msgids (its models translate them lazily), for the project's catalogue.
AXES_MSGIDS = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("POST Data"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
)

# Django 5.2's Dutch admin catalogue lacks these column headings of the app list (read by
# screen readers); the project's catalogue translates them.
# Its success messages put "De" before every model's name ("De besluit"); the project's
# catalogue words them without an article, right for "de" and "het" words alike.
ADMIN_MSGIDS = (
    gettext_noop("Add link"),
    gettext_noop("Model name"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Change or view list link"),
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
)

DEVICE_NAMES = {
    TOTPDevice: (_("authenticator app"), _("authenticator apps")),
    StaticDevice: (_("set of backup codes"), _("sets of backup codes")),
}


def _dutch_device_names() -> None:
    for model, (singular, plural) in DEVICE_NAMES.items():
        model._meta.verbose_name = singular
        model._meta.verbose_name_plural = plural


_dutch_device_names()


class DeviceRemovalMixin:
    """The secretariat sees who holds which device and may delete one (the holder then
    sets up a new one); the device's secret and state stay out of sight."""

    search_help_text = _("Search by the holder's e-mail address.")
    list_display = ["holder", "device_name", "created", "last_used", "is_confirmed"]
    list_display_links = ["holder"]
    list_filter = []
    shown = [*list_display, "last_failure", "failures"]

    def get_list_display(self, request):
        return self.list_display

    def get_readonly_fields(self, request, obj=None):
        return self.shown if obj is not None else super().get_readonly_fields(request, obj)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return super().get_fieldsets(request, obj)
        return [
            (None, {"fields": ["holder", "device_name", "is_confirmed"]}),
            (_("Use"), {"fields": ["created", "last_used"]}),
            (_("Failed attempts"), {"fields": ["last_failure", "failures"]}),
        ]

    @admin.display(description=_("holder"), ordering="user__email")
    def holder(self, device):
        return device.user

    @admin.display(description=_("name"), ordering="name")
    def device_name(self, device):
        return device.name

    @admin.display(description=_("created at"), ordering="created_at")
    def created(self, device):
        return device.created_at

    @admin.display(description=_("last used at"), ordering="last_used_at")
    def last_used(self, device):
        return device.last_used_at

    @admin.display(description=_("ready for use"), boolean=True, ordering="confirmed")
    def is_confirmed(self, device):
        return device.confirmed

    @admin.display(description=_("last failed attempt"))
    def last_failure(self, device):
        return device.throttling_failure_timestamp

    @admin.display(description=_("failed attempts in a row"))
    def failures(self, device):
        return device.throttling_failure_count

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.user.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        second_factor_device_remove(device=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        devices = list(queryset.select_related("user"))
        if not request.user.is_superuser:
            devices = [device for device in devices if not device.user.is_superuser]
        for device in devices:
            second_factor_device_remove(device=device, by=request.user)


class ASDGTOTPDeviceAdmin(DeviceRemovalMixin, TOTPDeviceAdmin):
    pass


class ASDGStaticDeviceAdmin(DeviceRemovalMixin, StaticDeviceAdmin):
    pass


for model, model_admin in (
    (Group, ASDGGroupAdmin),
    (AccessAttempt, ASDGAccessAttemptAdmin),
    (TOTPDevice, ASDGTOTPDeviceAdmin),
    (StaticDevice, ASDGStaticDeviceAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
