"""Portal pages: subjects members propose for a plenary agenda or an unsolicited advice."""

from django.urls import path

from steering import subject_views as views

app_name = "steering_subject"
urlpatterns = [
    path("", views.subject_list, name="list"),
    path("nieuw/", views.subject_create, name="create"),
    path("<int:pk>/", views.subject_detail, name="detail"),
    path("<int:pk>/steunen/", views.subject_support_view, name="support"),
    path("<int:pk>/beantwoorden/", views.subject_answer, name="answer"),
]
