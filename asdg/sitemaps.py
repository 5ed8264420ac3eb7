"""The site's own public pages in sitemap.xml (the areas add theirs in asdg/urls.py)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PublicPagesSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return ["home", "apply:form", "accessibility"]

    def location(self, item):
        return reverse(item)
