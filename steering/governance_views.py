"""The steering group in the portal: who sits in it, the retirement schedule and the
regulation (S1–S4).

Every logged-in member may see them: who is in the steering group and when they retire
is what the regulation publishes (S4). Opening an election is for the secretariat, in
the admin; the page links there for whoever holds that permission.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from steering.regulation import regulation_context, regulation_pdf
from steering.selectors.governance import retirement_schedule, seats_held_on


@login_required
@require_safe
def overview(request):
    today = timezone.localdate()
    context = {
        "today": today,
        "seats": list(seats_held_on(today).order_by("member__last_name", "pk")),
        "schedule": retirement_schedule(today),
        "can_open_election": request.user.has_perm("steering.add_election"),
    }
    return render(request, "steering/governance/overview.html", context)


@login_required
@require_safe
def regulation(request):
    return render(request, "steering/governance/regulation.html", regulation_context())


@login_required
@require_safe
def regulation_pdf_view(request):
    pdf = regulation_pdf(base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, "reglement-stuurgroep.pdf")
    return response
