"""Subjects from members in the portal (Wmo 2015 art. 2.1.3 lid 3 (a), (e)): propose,
support, and the steering group's answer. Thin: the rules live in steering.services.subjects."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from members.shared import add_refusal, error_text, member_of
from steering.models import SubjectProposal, SubjectSupport
from steering.selectors.meetings import subject_proposals_for_portal
from steering.services.subjects import (
    subject_decline,
    subject_propose,
    subject_schedule,
    subject_support,
)
from steering.subject_forms import SubjectDeclineForm, SubjectProposalForm, SubjectScheduleForm


def _proposals(member):
    proposals = subject_proposals_for_portal()
    if member is not None:
        proposals = proposals.annotate(
            i_support=Exists(SubjectSupport.objects.filter(proposal=OuterRef("pk"), member=member))
        )
    return proposals


@login_required
@require_safe
def subject_list(request):
    member = member_of(request.user)
    proposals = list(_proposals(member))
    mine = [p for p in proposals if member is not None and p.proposer_id == member.pk]
    open_ = [p for p in proposals if p.status == SubjectProposal.Status.PROPOSED and p not in mine]
    answered = [p for p in proposals if p.status != SubjectProposal.Status.PROPOSED][:20]
    context = {"member": member, "mine": mine, "open": open_, "answered": answered}
    return render(request, "steering/subjects/list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def subject_create(request):
    member = member_of(request.user)
    form = SubjectProposalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and member is not None and form.is_valid():
        try:
            proposal = subject_propose(proposer=member, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request, _("Thank you: your subject is proposed. The steering group will answer.")
            )
            return redirect("steering_subject:detail", pk=proposal.pk)
    return render(request, "steering/subjects/form.html", {"form": form, "member": member})


@login_required
@require_safe
def subject_detail(request, pk: int):
    member = member_of(request.user)
    proposal = _proposals(member).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    can_answer = (
        request.user.has_perm("steering.answer_subjectproposal")
        and proposal.status == SubjectProposal.Status.PROPOSED
    )
    context = {
        "proposal": proposal,
        "member": member,
        "can_support": member is not None
        and member.is_sitting
        and proposal.proposer_id != member.pk
        and proposal.status == SubjectProposal.Status.PROPOSED
        and not proposal.i_support,
        "can_answer": can_answer,
        "schedule_form": SubjectScheduleForm() if can_answer else None,
        "decline_form": SubjectDeclineForm() if can_answer else None,
        "agenda_items": list(proposal.agenda_items.select_related("meeting")),
    }
    return render(request, "steering/subjects/detail.html", context)


@login_required
@require_POST
def subject_support_view(request, pk: int):
    proposal = get_object_or_404(SubjectProposal, pk=pk)
    try:
        subject_support(proposal=proposal, member=member_of(request.user))
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("You support “%(title)s”.") % {"title": proposal.title})
    return redirect("steering_subject:detail", pk=pk)


@login_required
@require_POST
@permission_required("steering.answer_subjectproposal", raise_exception=True)
def subject_answer(request, pk: int):
    """The steering group schedules the subject on a plenary agenda or declines it."""
    member = member_of(request.user)
    proposal = _proposals(member).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    schedule_form = SubjectScheduleForm(
        request.POST if request.POST.get("action") == "schedule" else None
    )
    decline_form = SubjectDeclineForm(
        request.POST if request.POST.get("action") == "decline" else None
    )
    form = schedule_form if schedule_form.is_bound else decline_form
    if form.is_bound and form.is_valid():
        try:
            if form is schedule_form:
                subject_schedule(proposal=proposal, by=request.user, **form.cleaned_data)
                messages.success(request, _("The subject is on the meeting's agenda."))
            else:
                subject_decline(
                    proposal=proposal, reason=form.cleaned_data["answer"], by=request.user
                )
                messages.success(request, _("The proposer has been told why not."))
        except ValidationError as error:
            add_refusal(form, error)
        else:
            return redirect("steering_subject:detail", pk=pk)
    context = {
        "proposal": proposal,
        "member": member,
        "can_answer": proposal.status == SubjectProposal.Status.PROPOSED,
        "schedule_form": schedule_form,
        "decline_form": decline_form,
        "agenda_items": list(proposal.agenda_items.select_related("meeting")),
    }
    return render(request, "steering/subjects/detail.html", context, status=200)
