"""Portal pages: plenary meetings, agendas to watch, my training, my calendar feed."""

from django.urls import path

from steering import meeting_views as views
from steering import paper_views

app_name = "steering_meeting"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("<int:pk>/", views.meeting_detail_view, name="detail"),
    path("<int:pk>/agendapunt/<int:item>/concept/", paper_views.draft_paper, name="draft"),
    path("<int:pk>/antwoord/", views.meeting_respond, name="respond"),
    path("agendas-volgen/", views.watch_list, name="watch-list"),
    path("trainingen/", views.my_training, name="training"),
    path("agenda/", views.calendar_feed, name="calendar"),
]
