from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    """The organisation's editable name and contact details.

    Imports no other app of ours, so every layer may read it (DESIGN.md §2):
    "ASDG" is a working name that the members will change (guideline, footnote 2).
    """

    name = "organisation"
    verbose_name = _("Organisation")

    def ready(self):
        from organisation import signals  # noqa: F401
