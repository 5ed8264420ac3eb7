from django.urls import path

from members import portal_views as views

app_name = "membership"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("profiel/", views.profile, name="profile"),
    path("verlenging/", views.extension, name="extension"),
    path("verklaring/", views.declaration, name="declaration"),
    path("mijn-gegevens/", views.data, name="data"),
    path("mijn-gegevens/download/", views.data_download, name="data-download"),
    path("mijn-gegevens/pdf/", views.data_pdf, name="data-pdf"),
    path("toestemming/", views.consent, name="consent"),
]
