from django.http import HttpResponse
from django.urls import path


def floor(request):
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")


urlpatterns = [path("", floor, name="floor")]
