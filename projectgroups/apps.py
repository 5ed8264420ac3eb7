from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectGroupsConfig(AppConfig):
    name = "projectgroups"
    verbose_name = _("Project groups")

    def ready(self):
        from advices.publication import invalidate_on_change
        from projectgroups.models import ProjectGroup

        invalidate_on_change(ProjectGroup)  # its name shows on its advice's public page
