from django.urls import path

from projectgroups import views

app_name = "projectgroups"

urlpatterns = [
    path("", views.group_list, name="list"),
    path("trajecten/", views.trajectories, name="trajectories"),
    path("<int:pk>/", views.group_detail, name="detail"),
    path("<int:pk>/aanmelden/", views.signup, name="signup"),
    path("<int:pk>/werkwijze/", views.way_of_working, name="way-of-working"),
    path("<int:pk>/bevestigen/<int:participation_pk>/", views.confirm, name="confirm"),
    path("<int:pk>/fase/", views.phase, name="phase"),
    path("<int:pk>/traject/", views.trajectory_step, name="trajectory-step"),
    path("bijlage/<int:pk>/", views.attachment_download, name="attachment"),
]
