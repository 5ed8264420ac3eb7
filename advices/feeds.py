"""A4: the Atom feed of published advices (/adviezen/feed/), newest first."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from advices.public_selectors import published_with_themes
from organisation.selectors import organisation_get

FEED_LENGTH = 20


class AdviceFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Advices of %(name)s") % {"name": organisation_get().name}

    def subtitle(self):
        return _("New advices to the college of mayor and aldermen of Groningen.")

    def link(self):
        return reverse("advices_public:list")

    def items(self):
        return published_with_themes()[:FEED_LENGTH]

    def item_title(self, item):
        return item.subject

    def item_description(self, item):
        return item.public_summary

    def item_link(self, item):
        return reverse("advices_public:detail", kwargs={"slug": item.slug})

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]

    def item_author_name(self, item):
        return organisation_get().name
