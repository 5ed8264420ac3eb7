from django.urls import path

from projectgroups import participation_views

app_name = "participation"

urlpatterns = [
    path("", participation_views.overview, name="overview"),
]
