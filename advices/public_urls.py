"""The public site's advice pages at /adviezen/ (A4). Built by issue 6."""

from django.http import Http404
from django.urls import path

app_name = "advices_public"


def _not_yet(request, **kwargs):
    raise Http404


urlpatterns = [
    path("", _not_yet, name="list"),
    path("feed/", _not_yet, name="feed"),
    path("<slug:slug>/", _not_yet, name="detail"),
    path("<slug:slug>/pdf/", _not_yet, name="pdf"),
]
