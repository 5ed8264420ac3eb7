"""Public pages: about us, news, editable pages, the site search, newsletter."""

from django.urls import path

from public import feeds, views

app_name = "public"
urlpatterns = [
    path("over-ons/", views.about, name="about"),
    path("over-ons/<slug:slug>/", views.page_detail, name="page"),
    path("nieuws/", views.news_list, name="news-list"),
    path("nieuws/feed/", feeds.NewsFeed(), name="news-feed"),
    path("nieuws/<slug:slug>/", views.news_detail, name="news-detail"),
    path("zoeken/", views.search, name="search"),
    path("nieuwsbrief/", views.newsletter_subscribe, name="newsletter"),
    path("nieuwsbrief/aangemeld/", views.newsletter_thanks, name="newsletter-thanks"),
    path(
        "nieuwsbrief/bevestigen/<str:token>/",
        views.newsletter_confirm,
        name="newsletter-confirm",
    ),
    path(
        "nieuwsbrief/afmelden/<str:token>/",
        views.newsletter_unsubscribe,
        name="newsletter-unsubscribe",
    ),
]
