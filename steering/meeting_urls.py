"""Portal pages: plenary meetings, agendas to watch, my training, my calendar feed."""

from django.urls import path

from steering import meeting_views as views
from steering import paper_views, vote_views

app_name = "steering_meeting"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("<int:pk>/", views.meeting_detail_view, name="detail"),
    path("<int:pk>/agendapunt/<int:item>/concept/", paper_views.draft_paper, name="draft"),
    path("<int:pk>/antwoord/", views.meeting_respond, name="respond"),
    # Issue 17.5: votes in the room.
    path("<int:pk>/stemmen/", vote_views.ballot, name="vote"),
    path("<int:pk>/scherm/", vote_views.projector, name="projector"),
    path("<int:pk>/voorzitter/", vote_views.chair, name="chair"),
    path("<int:pk>/voorzitter/aanwezig/", vote_views.presence, name="presence"),
    path("<int:pk>/voorzitter/stemming/", vote_views.open_a_vote, name="vote-open"),
    path(
        "<int:pk>/voorzitter/stemming/<int:vote>/sluiten/",
        vote_views.close_a_vote,
        name="vote-close",
    ),
    path("agendas-volgen/", views.watch_list, name="watch-list"),
    path("trainingen/", views.my_training, name="training"),
    path("agenda/", views.calendar_feed, name="calendar"),
]
