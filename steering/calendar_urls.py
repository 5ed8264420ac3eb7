"""iCalendar feeds: a member's personal feed behind a secret address, the public dates."""

from django.urls import path

from steering import calendar_views as views

app_name = "steering_calendar"
urlpatterns = [
    path("openbaar.ics", views.public_feed, name="public"),
    path("<str:token>.ics", views.member_feed, name="feed"),
]
