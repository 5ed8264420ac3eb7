"""The published advices in sitemap.xml (A4); asdg/urls.py holds the sitemap of the site."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from advices.models import Trajectory


class AdviceSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Trajectory.objects.published().only("slug", "published_at").order_by("pk")

    def location(self, item):
        return reverse("advices_public:detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.published_at


class AdviceListSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.9

    def items(self):
        return ["advices_public:list"]

    def location(self, item):
        return reverse(item)
