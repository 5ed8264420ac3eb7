"""Elections in the member portal (S2): the list, one election with its forms, results.

Thin views: the rules (periods, who may stand and vote, one vote, secrecy, counting)
live in steering.services.elections.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from members.models import Member
from members.shared import add_refusal, error_text, member_of
from steering.election_forms import NominationForm, VoteForm
from steering.models import Candidate, Election
from steering.selectors.governance import (
    candidacy_refusal,
    election_phase,
    election_results,
    elections_for,
    electorate_size,
)
from steering.services.elections import (
    ballot_cast,
    candidate_nominate,
    candidate_withdraw,
    election_close,
)


def _election(request, pk: int) -> tuple[Election, Member | None]:
    member = member_of(request.user)
    return get_object_or_404(elections_for(member), pk=pk), member


def _count_if_due(election: Election) -> Election:
    """Results appear when voting closes: count lazily if the command has not yet."""
    if election_phase(election) == "counting":
        election_close(election=election)
        election.refresh_from_db()
    return election


@login_required
@require_safe
def election_list(request):
    member = member_of(request.user)
    now = timezone.now()
    groups = {"nomination": [], "voting": [], "upcoming": [], "closed": []}
    for election in elections_for(member).order_by("-voting_closes_at", "-pk"):
        phase = election_phase(election, now)
        election.phase = phase
        key = {"between": "upcoming", "counting": "closed"}.get(phase, phase)
        groups[key].append(election)
    return render(
        request,
        "steering/elections/list.html",
        {"member": member, "is_sitting": member is not None and member.is_sitting, **groups},
    )


def _detail_context(election: Election, member: Member | None, vote_form=None) -> dict:
    phase = election_phase(election)
    candidates = list(
        election.candidates.filter(withdrawn_at__isnull=True).select_related("member")
    )
    sitting = member is not None and member.is_sitting
    mine = next((c for c in candidates if member and c.member_id == member.pk), None)
    refusal = (
        candidacy_refusal(election, member)
        if sitting and phase == "nomination" and mine is None
        else None
    )
    if vote_form is None and phase == "voting":
        vote_form = VoteForm(election=election)
    return {
        "election": election,
        "phase": phase,
        "candidates": candidates,
        "member": member,
        "is_sitting": sitting,
        "my_candidacy": mine,
        "can_nominate": sitting and phase == "nomination" and mine is None and not refusal,
        "candidacy_refusal": refusal,
        "can_withdraw": mine is not None and phase in ("nomination", "between"),
        "can_vote": sitting and phase == "voting" and not election.has_voted,
        "nomination_form": NominationForm(),
        "vote_form": vote_form,
    }


@login_required
@require_safe
def election_detail(request, pk: int):
    election, member = _election(request, pk)
    election = _count_if_due(election)
    return render(request, "steering/elections/detail.html", _detail_context(election, member))


@login_required
@require_safe
def election_results_page(request, pk: int):
    election, member = _election(request, pk)
    election = _count_if_due(election)
    if election.results_at is None:
        messages.info(request, _("The results appear when voting has closed."))
        return redirect("steering_election:detail", pk=election.pk)
    electorate = electorate_size(election)
    context = {
        "election": election,
        "results": election_results(election),
        "electorate": electorate,
        "turnout_percent": round(100 * election.turnout / electorate) if electorate else 0,
        "member": member,
    }
    return render(request, "steering/elections/results.html", context)


@login_required
@require_POST
def nominate(request, pk: int):
    election = get_object_or_404(Election, pk=pk)
    form = NominationForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(ValidationError(list(form.errors.values()))))
        return redirect("steering_election:detail", pk=pk)
    try:
        candidate_nominate(
            election=election,
            member=member_of(request.user),
            statement=form.cleaned_data["statement"],
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("You are now a candidate in this election."))
    return redirect("steering_election:detail", pk=pk)


@login_required
@require_POST
def withdraw(request, pk: int):
    member = member_of(request.user)
    candidate = get_object_or_404(
        Candidate, election_id=pk, member=member, withdrawn_at__isnull=True
    )
    try:
        candidate_withdraw(candidate=candidate, member=member)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("You have withdrawn your candidacy."))
    return redirect("steering_election:detail", pk=pk)


@login_required
@require_POST
def vote(request, pk: int):
    election, member = _election(request, pk)
    form = VoteForm(request.POST, election=election)
    form.is_valid()  # for redisplay; the service decides (S2: who, when, how many, whom)
    try:
        ballot_cast(
            election=election, member=member, candidate_ids=request.POST.getlist("candidates")
        )
    except ValidationError as error:
        form.errors.clear()
        add_refusal(form, error)
    else:
        messages.success(
            request, _("Your vote has been recorded. Nobody can see whom you voted for.")
        )
        return redirect("steering_election:detail", pk=pk)
    context = _detail_context(election, member, vote_form=form)
    if not context["can_vote"]:
        # Not (or no longer) allowed to vote: the form is not shown, so say why on top.
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect("steering_election:detail", pk=pk)
    return render(request, "steering/elections/detail.html", context)
