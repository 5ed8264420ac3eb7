from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


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
