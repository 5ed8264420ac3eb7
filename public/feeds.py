"""An Atom feed of published news (/nieuws/feed/)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from organisation.selectors import organisation_get
from public.selectors import news_published

FEED_ITEMS = 20


class NewsFeed(Feed):
    feed_type = Atom1Feed
    link = reverse_lazy("public:news-list")
    subtitle = _("News from the advisory group")

    def title(self):
        return _("News · %(name)s") % {"name": organisation_get().short_name}

    def items(self):
        return news_published()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at
