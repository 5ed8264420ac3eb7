"""Portal pages: the steering group, its retirement schedule and regulation (S1–S4),
at /portaal/stuurgroep/."""

from django.urls import path

from steering import governance_views as views

app_name = "steering_governance"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("reglement/", views.regulation, name="regulation"),
    path("reglement.pdf", views.regulation_pdf_view, name="regulation-pdf"),
]
