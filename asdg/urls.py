from django.conf.urls.i18n import i18n_patterns
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

# Outside the language prefix: machine-read addresses, the old language form (it turns
# its `next` into the chosen language's address), and the admin, which is the
# secretariat's working tool in Dutch and has no language switch.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# Every page built on base.html: Dutch at its own address (/adviezen/), English under
# /en/ (/en/adviezen/). The address alone decides the language (asdg.middleware), so a
# cached page is one copy per address and the language switch is a plain link.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
    path("portaal/", views.portal_home, name="portal"),
    path("adviezen/", include("advices.public_urls")),
    path("bijeenkomsten/", include("steering.public_urls")),
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
    path("portaal/contacten/", include("steering.relation_urls")),
    path("agenda/", include("steering.calendar_urls")),
    path("account/", include("members.urls")),
    prefix_default_language=False,
)

handler500 = "asdg.views.server_error"
