from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelationsConfig(AppConfig):
    """The register of organisations and contact persons (issue 23, DESIGN.md §5).

    It sits low, beside members: project groups (P4 policy officers), trajectories and
    the steering group point down at it; it imports no higher app. The contact log, which
    links to trajectories, consultations and agenda items, lives in steering.
    """

    name = "relations"
    verbose_name = _("Relations")
