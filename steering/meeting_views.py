"""Plenary meetings in the portal (S5, S6), agendas to watch (S4), my training (S8) and
the page of the personal calendar feed. Thin: the rules live in steering.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from members.shared import error_text, member_of
from steering.meeting_forms import RsvpForm
from steering.models import CalendarFeed, Invitation, PlenaryMeeting
from steering.selectors.meetings import (
    meeting_detail,
    meetings_for_portal,
    trainings_of,
    watch_items_open,
)
from steering.selectors.papers import agenda_with_papers, reads_member_papers
from steering.selectors.votes import open_vote
from steering.services.calendar import calendar_feed_get_or_create, calendar_feed_revoke
from steering.services.meetings import invitation_respond


def _with_forms(meetings):
    rows = []
    for meeting in meetings:
        response = getattr(meeting, "my_response", None)
        invited = getattr(meeting, "my_invitation_pk", None) is not None
        form = RsvpForm.for_meeting(meeting.pk, initial_response=response or "")
        rows.append({"meeting": meeting, "invited": invited, "response": response, "form": form})
    return rows


@login_required
@require_safe
def meeting_list(request):
    """Upcoming meetings with my answer (a form each, no JavaScript); held meetings below."""
    member = member_of(request.user)
    upcoming = _with_forms(meetings_for_portal(member=member, upcoming=True))
    past = meetings_for_portal(member=member, upcoming=False)[:20]
    context = {
        "member": member,
        "upcoming": upcoming,
        "past": past,
        "Response": Invitation.Response,
    }
    return render(request, "steering/meetings/list.html", context)


@login_required
@require_safe
def meeting_detail_view(request, pk: int):
    try:
        meeting = meeting_detail(pk)
    except PlenaryMeeting.DoesNotExist as error:
        raise Http404 from error
    member = member_of(request.user)
    invitation = None
    if member is not None:
        invitation = Invitation.objects.filter(meeting=meeting, member=member).first()
    members = reads_member_papers(request.user)
    form = None
    if invitation is not None and meeting.answerable:
        form = RsvpForm.for_meeting(meeting.pk, initial_response=invitation.response)
    context = {
        "meeting": meeting,
        "invitation": invitation,
        "form": form,
        "agenda": agenda_with_papers(meeting, members=members),
        "members": members,
        "decisions": list(meeting.decisions.all()),
        "open_vote": open_vote(meeting) if members else None,
        "Status": PlenaryMeeting.Status,
    }
    return render(request, "steering/meetings/detail.html", context)


@login_required
@require_POST
def meeting_respond(request, pk: int):
    """A member answers their own invitation; another's cannot be reached from here."""
    meeting = get_object_or_404(PlenaryMeeting, pk=pk)
    member = member_of(request.user)
    invitation = (
        Invitation.objects.filter(meeting=meeting, member=member).first() if member else None
    )
    back = (
        reverse("steering_meeting:detail", args=[pk])
        if request.POST.get("back") == "detail"
        else reverse("steering_meeting:list")
    )
    if invitation is None:
        messages.error(request, _("You are not invited to this meeting."))
        return redirect(back)
    form = RsvpForm.for_meeting(pk, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose yes, no or maybe."))
        return redirect(back)
    try:
        invitation = invitation_respond(
            invitation=invitation, response=form.cleaned_data["response"], member=member
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("Your answer for “%(meeting)s” is saved: %(answer)s.")
            % {"meeting": meeting.title, "answer": invitation.get_response_display()},
        )
    return redirect(back)


@login_required
@require_safe
@permission_required("steering.view_watchitem", raise_exception=True)
def watch_list(request):
    """S4: items of the long-term agenda and the council agenda the steering group watches."""
    return render(request, "steering/meetings/watch_list.html", {"items": watch_items_open()})


@login_required
@require_safe
def my_training(request):
    member = member_of(request.user)
    trainings = list(trainings_of(member)) if member else []
    return render(
        request, "steering/meetings/training.html", {"member": member, "trainings": trainings}
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def calendar_feed(request):
    """The member's personal calendar address: made on request, replaced to revoke it."""
    member = member_of(request.user)
    if request.method == "POST" and member is not None:
        if request.POST.get("action") == "revoke":
            calendar_feed_revoke(member=member)
            messages.success(
                request, _("Your calendar has a new address; the old one no longer works.")
            )
        else:
            calendar_feed_get_or_create(member=member)
            messages.success(request, _("Your personal calendar address is ready."))
        return redirect("steering_meeting:calendar")
    feed = CalendarFeed.objects.filter(member=member).first() if member else None
    feed_url = (
        request.build_absolute_uri(reverse("steering_calendar:feed", args=[feed.token]))
        if feed
        else ""
    )
    return render(
        request,
        "steering/calendar/feed.html",
        {
            "member": member,
            "feed": feed,
            "feed_url": feed_url,
            # Issue 16.7: the same address for a calendar app to subscribe to.
            "webcal_url": "webcal://" + feed_url.split("://", 1)[-1] if feed_url else "",
            "public_url": request.build_absolute_uri(reverse("steering_calendar:public")),
        },
    )
