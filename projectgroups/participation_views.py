"""M8 for the steering group and the secretariat: members without a project group."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from projectgroups.selectors import FIRST_YEAR, participation_overview


@login_required
@permission_required("members.view_member", raise_exception=True)
@require_http_methods(["GET", "HEAD"])
def overview(request):
    this_year = timezone.localdate().year
    years = list(range(this_year, FIRST_YEAR - 1, -1))
    year = request.GET.get("jaar", "")
    if year and (not year.isdigit() or int(year) not in years):
        raise Http404
    context = participation_overview(year=int(year) if year else this_year)
    context["years"] = years
    return render(request, "projectgroups/participation/overview.html", context)
