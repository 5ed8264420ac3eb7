"""The URLs that `make bench` serves (bench.settings): the site's own plus the floor.

The floor is the least a request can cost on this server: it passes through the
project's whole middleware stack and answers a few bytes without touching the database,
the session or a template. The benchmark gives every page's throughput as a ratio to it.
Never mounted on a real site (only bench.settings names it).
"""

from django.http import HttpResponse
from django.urls import path

from asdg.urls import handler500
from asdg.urls import urlpatterns as site_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def floor(request):
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/floor/", floor, name="bench-floor"), *site_urlpatterns]
