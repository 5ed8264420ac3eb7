from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as OTPStaticAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as OTPTOTPAppConfig


class AsdgConfig(AppConfig):
    default = True
    name = "asdg"
    verbose_name = "ASDG"

    def ready(self):
        # The role groups get their permissions after every app's permissions exist:
        # this app is the last in INSTALLED_APPS with models (demo, after it, has none and
        # gets no post_migrate), so its post_migrate comes last.
        from members.roles import sync_role_permissions

        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="asdg_sync_role_permissions")
        self._sync = sync_role_permissions


def _sync_roles(sender, using, **kwargs):
    sender._sync(using=using)


class ASDGAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "asdg.admin_site.ASDGAdminSite"


# Issue 18.3: the third-party apps' names in the admin, in Dutch (Django's way: an
# AppConfig subclass with its own verbose_name, named in INSTALLED_APPS).
class AxesConfig(AxesAppConfig):
    verbose_name = _("Sign-in attempts")


class OTPTOTPConfig(OTPTOTPAppConfig):
    verbose_name = _("Second factor: authenticator apps")


class OTPStaticConfig(OTPStaticAppConfig):
    verbose_name = _("Second factor: backup codes")
