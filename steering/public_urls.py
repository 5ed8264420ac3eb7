"""The public meeting calendar and the papers (checked per reader) at /bijeenkomsten/."""

from django.urls import path

from steering import paper_views, public_views

app_name = "steering_public"
urlpatterns = [
    path("", public_views.meeting_calendar, name="list"),
    path("<int:pk>/", public_views.meeting_page, name="detail"),
    path("stukken/<int:pk>/", paper_views.paper_download, name="paper"),
]
