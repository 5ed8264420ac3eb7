from django.urls import path

from members import apply_views

app_name = "apply"

urlpatterns = [
    path("", apply_views.application_form, name="form"),
    path("ontvangen/", apply_views.application_received, name="received"),
]
