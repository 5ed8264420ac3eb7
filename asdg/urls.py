from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from advices.sitemaps import AdviceListSitemap, AdviceSitemap
from asdg import views
from asdg.sitemaps import PublicPagesSitemap

# sitemap.xml: one entry per area of the public site; an area adds its Sitemap class here.
sitemaps = {
    "pages": PublicPagesSitemap,
    "advices": AdviceListSitemap,
    "advice-pages": AdviceSitemap,
}

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
    path("portaal/", views.portal_home, name="portal"),
    path("adviezen/", include("advices.public_urls")),
    path("bijeenkomsten/", include("steering.public_urls")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("", include("public.urls")),
    path("", include("asdg.report_urls")),
    path("aanmelden/", include("members.apply_urls")),
    path("portaal/lidmaatschap/", include("members.portal_urls")),
    path("portaal/aanmeldingen/", include("members.review_urls")),
    path("portaal/samenstelling/", include("members.composition_urls")),
    path("portaal/projectgroepen/", include("projectgroups.urls")),
    path("portaal/projectgroepen/", include("projectgroups.draft_urls")),
    path("portaal/deelname/", include("projectgroups.participation_urls")),
    path("portaal/begroting/", include("finance.urls")),
    path("portaal/stuurgroep/", include("steering.governance_urls")),
    path("portaal/verkiezingen/", include("steering.election_urls")),
    path("portaal/bijeenkomsten/", include("steering.meeting_urls")),
    path("portaal/onderwerpen/", include("steering.subject_urls")),
    path("agenda/", include("steering.calendar_urls")),
    path("account/", include("members.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler500 = "asdg.views.server_error"
