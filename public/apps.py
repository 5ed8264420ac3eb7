from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("Public site")

    def ready(self):
        from advices.publication import invalidate_on_change
        from public.models import NewsItem, Page
        from steering.models import AgendaItem, MeetingPaper, PlenaryMeeting

        invalidate_on_change(NewsItem)  # the home page (a cached public page) shows the latest
        # The site search (issue 19.4, a cached public page) shows pages, and published
        # meetings with their agenda and public papers.
        for model in (Page, PlenaryMeeting, AgendaItem, MeetingPaper):
            invalidate_on_change(model)
