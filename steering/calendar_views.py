"""The iCalendar feeds (text/calendar). The personal feed needs no login — calendar apps
cannot log in — so its secret address is the key; a revoked address answers 404."""

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from steering.ical import member_calendar, public_calendar
from steering.models import CalendarFeed


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def member_feed(request, token: str):
    feed = CalendarFeed.objects.select_related("member").filter(token=token).first()
    if feed is None or not feed.member.is_sitting:
        raise Http404
    return _ics(member_calendar(feed.member), "bijeenkomsten.ics")


@require_safe
def public_feed(request):
    return _ics(public_calendar(), "openbaar.ics")
