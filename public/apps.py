from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("Public site")

    def ready(self):
        from advices.publication import invalidate_on_change
        from public.models import NewsItem

        invalidate_on_change(NewsItem)  # the home page (a cached public page) shows the latest
