from django.urls import path

from asdg import report_views

app_name = "annual_report"

urlpatterns = [
    path("jaarverslag/", report_views.report_index, name="index"),
    path("jaarverslag/<int:year>/", report_views.report_detail, name="detail"),
    path("jaarverslag/<int:year>/pdf/", report_views.report_pdf, name="pdf"),
    path(
        "portaal/archief/<int:year>/besluiten-en-verslagen.pdf",
        report_views.archive,
        name="archive",
    ),
]
