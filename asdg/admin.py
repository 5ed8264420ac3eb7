"""Third-party admin pages adjusted for ASDG.

- Issue 15.8: every admin action declares its permissions (tests/asdg/test_admin_actions.py);
  django-axes' clean-up action does not, so it is declared here.
- Issue 15.1: a second-factor device deleted in the admin goes through the service, so
  that it is an audit event and its holder gets an e-mail; a superuser's device is
  deleted by a superuser only.
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.services.accounts import second_factor_device_remove


class ASDGAccessAttemptAdmin(AccessAttemptAdmin):
    @admin.action(description=_("Clean up expired attempts"), permissions=["delete"])
    def cleanup_expired_attempts(self, request, queryset):
        return super().cleanup_expired_attempts(request, queryset)


class DeviceRemovalMixin:
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
    (AccessAttempt, ASDGAccessAttemptAdmin),
    (TOTPDevice, ASDGTOTPDeviceAdmin),
    (StaticDevice, ASDGStaticDeviceAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
