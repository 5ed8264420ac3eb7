from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils import timezone

from members import composition, suggestions
from members.second_factor import second_factor_required
from members.services import round_open_on


@login_required
@permission_required("members.view_member", raise_exception=True)
@second_factor_required
def overview(request):
    """M1 and M4: the composition against the target and the population, and during an
    open round a suggestion of candidates. Special-category data only for those allowed."""
    today = timezone.localdate()
    special = request.user.has_perm(composition.SPECIAL_PERMISSION)
    people = composition.sitting_members(today=today, special=special)
    themes = composition.active_themes()
    context = composition.composition_overview(special=special, people=people, themes=themes)
    open_round = round_open_on(today)
    context["open_round"] = open_round
    if open_round:
        context["suggestions"] = suggestions.candidate_suggestions(
            round=open_round, people=people, themes=themes, special=special, today=today
        )
    return render(request, "members/composition/overview.html", context)
