"""M9: expense claims in the portal (/portaal/begroting/declaraties/).

A member sees and withdraws only their own claims; the secretariat
(finance.decide_expenseclaim) sees every claim, its receipt, and decides. Any other
user asking for a claim gets 404: `finance.rules.claim_visible_to` is the one rule for every page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from finance.forms import ClaimForm, DecisionForm
from finance.models import ExpenseClaim
from finance.rules import DECIDE_CLAIMS, claim_visible_to
from finance.selectors import claim_allowance, claims_of_member
from finance.selectors.claims import review_rows
from finance.services import claim_submit, claim_withdraw
from finance.uploads import EXTENSIONS
from members.second_factor import is_verified, redirect_to_verify, second_factor_required
from members.shared import add_refusal, error_text, member_of


def _claim_or_404(request, pk) -> ExpenseClaim:
    claim = claim_visible_to(user=request.user, pk=pk)
    if claim is None:
        raise Http404("No such claim.")
    return claim


def _others_claim_needs_verify(request, claim) -> bool:
    """Issue 15.3: another member's claim (and its receipt) only with the second factor."""
    return claim.member.user_id != request.user.pk and not is_verified(request)


@login_required
@require_safe
def claim_list(request):
    member = member_of(request.user)
    context = {"member": member, "may_decide": request.user.has_perm(DECIDE_CLAIMS)}
    if member is not None:
        year = timezone.localdate().year
        context["claims"] = claims_of_member(member=member)
        context["allowance"] = claim_allowance(member=member, year=year)
    if context["may_decide"]:
        context["awaiting"] = ExpenseClaim.objects.filter(
            status=ExpenseClaim.Status.SUBMITTED
        ).count()
    return render(request, "finance/claims/list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def claim_create(request):
    member = member_of(request.user)
    if member is None:
        return render(request, "finance/claims/no_membership.html")
    form = ClaimForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim = claim_submit(member=member, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request,
                _("Your claim has been submitted. You will receive an e-mail with the decision."),
            )
            return redirect("finance:claim-detail", pk=claim.pk)
    allowance = claim_allowance(member=member, year=timezone.localdate().year)
    return render(request, "finance/claims/form.html", {"form": form, "allowance": allowance})


def _detail(request, claim, decision_form=None, status=200):
    may_decide = request.user.has_perm(DECIDE_CLAIMS)
    context = {
        "claim": claim,
        "own": claim.member.user_id == request.user.pk,
        "may_decide": may_decide and claim.status == ExpenseClaim.Status.SUBMITTED,
    }
    if context["may_decide"]:
        context["decision_form"] = decision_form or DecisionForm()
        context["allowance"] = claim_allowance(member=claim.member, year=claim.date.year)
    return render(request, "finance/claims/detail.html", context, status=status)


@login_required
@require_safe
def claim_detail(request, pk):
    claim = _claim_or_404(request, pk)
    if _others_claim_needs_verify(request, claim):
        return redirect_to_verify(request)
    return _detail(request, claim)


@login_required
@require_safe
def claim_receipt(request, pk):
    """The receipt, for its owner and the secretariat only; never a public media URL."""
    claim = _claim_or_404(request, pk)
    if _others_claim_needs_verify(request, claim):
        return redirect_to_verify(request)
    extension = sorted(EXTENSIONS.get(claim.receipt_content_type, {"bin"}))[-1]
    try:
        receipt = claim.receipt.open("rb")
    except FileNotFoundError:
        # The row outlived its file (a restore without the uploads): say so, no traceback.
        raise Http404("The receipt file is missing.") from None
    return FileResponse(
        receipt,
        as_attachment=True,
        filename=f"bon-{claim.pk}.{extension}",
        content_type=claim.receipt_content_type,
    )


@login_required
@require_POST
def claim_withdraw_view(request, pk):
    claim = _claim_or_404(request, pk)
    member = member_of(request.user)
    if member is None or claim.member_id != member.pk:
        raise Http404("No such claim.")
    try:
        claim_withdraw(claim=claim, member=member)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Your claim has been withdrawn."))
    return redirect("finance:claim-detail", pk=claim.pk)


@login_required
@require_POST
@second_factor_required
def claim_decide(request, pk):
    claim = _claim_or_404(request, pk)
    if not request.user.has_perm(DECIDE_CLAIMS):
        raise Http404("No such claim.")  # the owner may see it, not decide on it
    form = DecisionForm(request.POST)
    if form.is_valid() and (done := form.decide(claim, by=request.user)):
        messages.success(request, done)
        return redirect("finance:claim-review")
    return _detail(request, claim, decision_form=form)


@login_required
@permission_required(DECIDE_CLAIMS, raise_exception=True)
@require_safe
@second_factor_required
def claim_review(request):
    return render(request, "finance/claims/review.html", {"rows": review_rows()})
