"""Portal pages: elections of the steering group (S2), at /portaal/verkiezingen/."""

from django.urls import path

from steering import election_views as views

app_name = "steering_election"
urlpatterns = [
    path("", views.election_list, name="list"),
    path("<int:pk>/", views.election_detail, name="detail"),
    path("<int:pk>/uitslag/", views.election_results_page, name="results"),
    path("<int:pk>/kandidaat/", views.nominate, name="nominate"),
    path("<int:pk>/terugtrekken/", views.withdraw, name="withdraw"),
    path("<int:pk>/stemmen/", views.vote, name="vote"),
]
