"""The budget in the member portal (F1, F2).

The steering group and the secretariat (finance.view_budgetline) see the whole page:
sources, lines with their formulas and actuals, and what the figures assume. A member
(Lid) sees a summary: the totals and each line's name and budget, no actuals.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from finance.models import BudgetYear
from finance.reports import basis_in_words, budget_assumptions, budget_years
from finance.rules import FULL_BUDGET, can_see_budget
from finance.selectors import budget_summary


@login_required
@require_safe
def budget(request):
    """The newest budget year."""
    if not can_see_budget(request.user):
        raise PermissionDenied
    newest = BudgetYear.objects.order_by("-year").values_list("year", flat=True).first()
    if newest is None:
        raise Http404("No budget years yet.")
    return redirect("finance:budget-year", year=newest)


@login_required
@require_safe
def budget_year(request, year: int):
    if not can_see_budget(request.user):
        raise PermissionDenied
    full = request.user.has_perm(FULL_BUDGET)
    try:
        summary = budget_summary(year=year)
    except BudgetYear.DoesNotExist:
        raise Http404("No budget for this year.") from None
    context = {
        "summary": summary,
        "full": full,
        "years": budget_years(),
        "rows": [(figures, basis_in_words(figures.line)) for figures in summary.lines],
    }
    if full:
        context["assumptions"] = budget_assumptions(summary, today=timezone.localdate())
        context["actual_total"] = sum(f.actual for f in summary.lines)
    return render(request, "finance/budget.html", context)
