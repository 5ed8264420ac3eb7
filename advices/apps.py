from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvicesConfig(AppConfig):
    name = "advices"
    verbose_name = _("Advices")

    def ready(self):
        from advices.publication import connect_signals

        connect_signals()
