"""The public meeting calendar (issue 17.3). Ordinary pages that extend base.html; they
read no session for an anonymous visitor, so a page cache can keep them."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from steering.models import PlenaryMeeting
from steering.selectors.papers import agenda_with_papers
from steering.selectors.public import calendar_meetings, decisions_list, public_meeting


def _webcal(request) -> str:
    """The public .ics feed as a subscription address (webcal://): calendar apps that
    open it subscribe instead of importing once."""
    url = request.build_absolute_uri(reverse("steering_calendar:public"))
    return "webcal://" + url.split("://", 1)[1]


@require_safe
def meeting_calendar(request):
    coming, past = calendar_meetings()
    return render(
        request,
        "steering/public/calendar.html",
        {
            "coming": coming,
            "past": past,
            "feed_url": reverse("steering_calendar:public"),
            "webcal_url": _webcal(request),
        },
    )


@require_safe
def meeting_page(request, pk: int):
    try:
        meeting = public_meeting(pk)
    except PlenaryMeeting.DoesNotExist as error:
        raise Http404 from error
    held = meeting.status == PlenaryMeeting.Status.HELD or meeting.ends_at < timezone.now()
    return render(
        request,
        "steering/public/meeting.html",
        {
            "meeting": meeting,
            "agenda": agenda_with_papers(meeting, members=False),
            "members": False,
            "held": held,
            "decisions": list(decisions_list(meeting)) if held else [],
            "minutes_approved": meeting.minutes_approved_at_id is not None,
            "webcal_url": _webcal(request),
        },
    )
