"""Portal page: the contacts of the register a user may see (issue 23.6)."""

from django.urls import path

from steering import relation_views as views

app_name = "steering_relations"
urlpatterns = [
    path("", views.contacts, name="contacts"),
]
