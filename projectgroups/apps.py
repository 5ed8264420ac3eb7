from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectGroupsConfig(AppConfig):
    name = "projectgroups"
    verbose_name = _("Project groups")
