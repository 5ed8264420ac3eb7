"""The public site's advice pages at /adviezen/ (A3, A4)."""

from django.urls import path
from django.views.decorators.http import condition

from advices import open_data_views, public_views
from advices.feeds import AdviceFeed

app_name = "advices_public"

urlpatterns = [
    path("", public_views.advice_list, name="list"),
    path("feed/", condition(etag_func=public_views.document_etag)(AdviceFeed()), name="feed"),
    # Before the advices' own addresses: "open-data" is a valid slug.
    path("open-data/", open_data_views.open_data_page, name="open-data"),
    path("open-data/adviezen.csv", open_data_views.open_data_csv, name="open-data-csv"),
    path("open-data/adviezen.json", open_data_views.open_data_json, name="open-data-json"),
    path("<slug:slug>/", public_views.advice_detail, name="detail"),
    path("<slug:slug>/pdf/", public_views.advice_pdf_view, name="pdf"),
    path("<slug:slug>/bijlagen/<int:pk>/", public_views.attachment_download, name="attachment"),
    path(
        "<slug:slug>/reactie-college/",
        public_views.response_letter_download,
        name="response-letter",
    ),
]
