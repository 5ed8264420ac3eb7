from django.urls import path

from members import composition_views

app_name = "composition"

urlpatterns = [
    path("", composition_views.overview, name="overview"),
]
