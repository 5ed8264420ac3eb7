"""Votes in the room (issue 17.5): the chair's page, a member's ballot on the phone and
the projector's live count. Thin: the rules live in steering.services.votes.

Who chairs: the steering group organises the plenary meetings and chairs conversations
(guideline: "de organisatie van brede bijeenkomsten", "goede gespreksbegeleiding";
DESIGN 5), and the secretariat supports it; both hold steering.chair_vote. Marking who is
present and opening or closing a vote decide what the decision will say, so the chair's
pages ask for the second factor (issue 15.3), as the other decision pages do.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from members.second_factor import second_factor_required
from members.shared import add_refusal, error_text, member_of
from steering.meeting_forms import AttendanceForm
from steering.models import PlenaryMeeting, RoomVote, VoteChoice
from steering.selectors.papers import reads_member_papers
from steering.selectors.votes import (
    closed_votes,
    in_session,
    is_present,
    my_roll_line,
    open_roll,
    open_vote,
    present_count,
    tally,
)
from steering.services.meetings import attendance_record
from steering.services.votes import vote_cast, vote_close, vote_open
from steering.vote_forms import BallotForm, VoteOpenForm

CHAIR = "steering.chair_vote"


def _member_meeting(request, pk: int) -> PlenaryMeeting:
    """The meeting, for a sitting member or staff who may read the meeting's papers; a 404
    for anyone else (a former member included), as for a member-only paper."""
    if not reads_member_papers(request.user):
        raise Http404
    return get_object_or_404(PlenaryMeeting, pk=pk)


def _chair_context(meeting, *, presence_form=None, open_form=None) -> dict:
    current = open_vote(meeting)
    present = present_count(meeting)
    return {
        "meeting": meeting,
        "in_session": in_session(meeting),
        "presence_form": presence_form or AttendanceForm.for_meeting(meeting),
        "open_form": open_form or VoteOpenForm(meeting=meeting),
        "current": tally(current, present=present) if current else None,
        "roll": open_roll(current) if current else [],
        "closed": [tally(vote, present=present) for vote in closed_votes(meeting)],
    }


@login_required
@require_safe
@permission_required(CHAIR, raise_exception=True)
@second_factor_required
def chair(request, pk: int):
    """The chair's page: who is present, open a vote, the count, close it."""
    meeting = get_object_or_404(PlenaryMeeting, pk=pk)
    return render(request, "steering/votes/chair.html", _chair_context(meeting))


@login_required
@require_POST
@permission_required(CHAIR, raise_exception=True)
@second_factor_required
def presence(request, pk: int):
    meeting = get_object_or_404(PlenaryMeeting, pk=pk)
    form = AttendanceForm.for_meeting(meeting, request.POST)
    if form.is_valid():
        try:
            attendance_record(
                meeting=meeting, attended_member_ids=form.cleaned_data["attended"], by=request.user
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request,
                _("Presence saved: %(count)s present.")
                % {"count": len(form.cleaned_data["attended"])},
            )
            return redirect("steering_meeting:chair", pk=pk)
    context = _chair_context(meeting, presence_form=form)
    return render(request, "steering/votes/chair.html", context, status=200)


@login_required
@require_POST
@permission_required(CHAIR, raise_exception=True)
@second_factor_required
def open_a_vote(request, pk: int):
    meeting = get_object_or_404(PlenaryMeeting, pk=pk)
    form = VoteOpenForm(request.POST, meeting=meeting)
    if form.is_valid():
        data = form.cleaned_data
        try:
            vote_open(
                item=data["agenda_item"],
                proposal=data["proposal"],
                secret=data["secret"],
                adopts_advice=data["adopts_advice"],
                by=request.user,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The vote is open. Members vote in the portal."))
            return redirect("steering_meeting:chair", pk=pk)
    return render(request, "steering/votes/chair.html", _chair_context(meeting, open_form=form))


@login_required
@require_POST
@permission_required(CHAIR, raise_exception=True)
@second_factor_required
def close_a_vote(request, pk: int, vote: int):
    room_vote = get_object_or_404(RoomVote, pk=vote, meeting_id=pk)
    try:
        decision = vote_close(vote=room_vote, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        outcome = _("carried") if decision.adopted else _("defeated")
        messages.success(
            request,
            _(
                "The vote is closed: %(for)s for, %(against)s against, %(abstain)s abstain; "
                "the proposal is %(outcome)s."
            )
            % {
                "for": decision.votes_for,
                "against": decision.votes_against,
                "abstain": decision.abstentions,
                "outcome": outcome,
            },
        )
    return redirect("steering_meeting:chair", pk=pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ballot(request, pk: int):
    """A member's vote on the phone: for, against or abstain on the vote open now."""
    meeting = _member_meeting(request, pk)
    member = member_of(request.user)
    current = open_vote(meeting)
    form = None
    if request.method == "POST":
        form = BallotForm(request.POST)
        posted = current if current and str(current.pk) == request.POST.get("vote") else None
        if posted is None:
            messages.error(request, _("This vote is closed."))
            return redirect("steering_meeting:vote", pk=pk)
        if form.is_valid():
            try:
                vote_cast(vote=posted, member=member, choice=form.cleaned_data["choice"])
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Your vote has been recorded."))
                return redirect("steering_meeting:vote", pk=pk)
    mine = my_roll_line(current, member) if current else None
    if current and form is None:
        form = BallotForm(initial={"vote": current.pk})
    context = {
        "meeting": meeting,
        "member": member,
        "current": current,
        "present": is_present(meeting, member),
        "mine": mine,
        "form": form,
        "Choice": VoteChoice,
    }
    return render(request, "steering/votes/ballot.html", context)


@login_required
@require_safe
def projector(request, pk: int):
    """The live count for the room's screen: the open vote, else the last result. It
    reloads its count every few seconds (a small script; a meta refresh without it)."""
    meeting = _member_meeting(request, pk)
    current = open_vote(meeting)
    if current is None:
        votes = closed_votes(meeting)
        current = votes[0] if votes else None
    context = {"meeting": meeting, "current": tally(current) if current else None}
    return render(request, "steering/votes/projector.html", context)
