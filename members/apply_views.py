"""The public application form (/aanmelden/): open only during a recruitment round (M2)."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from members.apply_forms import ApplicationForm
from members.form_guards import rate_limited
from members.models import Application
from members.services import application_submit, round_next_after, round_open_on
from members.shared import add_refusal

# The received page shows only the application this browser just sent, never one by id.
SESSION_KEY = "apply_application_id"
# The newsletter's brake (issue 15.13): this many posts of the form per address per hour,
# enough for a household that shares a connection and corrects a mistake or two.
APPLY_LIMIT = 10


def application_form(request):
    today = timezone.localdate()
    round = round_open_on(today)
    if round is None:  # M2: no form, and no saving, outside an open round.
        return render(request, "members/apply/closed.html", {"next_round": round_next_after(today)})
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and rate_limited(request, scope="apply", limit=APPLY_LIMIT):
        context = {"form": form, "round": round, "limited": True}
        return render(request, "members/apply/form.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        if form.is_bot():  # the answer a person gets, and nothing saved or sent
            return redirect("apply:received")
        try:
            application = application_submit(round=round, **form.submission())
        except ValidationError as error:
            add_refusal(form, error)
        else:
            request.session[SESSION_KEY] = application.pk
            return redirect("apply:received")
    return render(request, "members/apply/form.html", {"form": form, "round": round})


def application_received(request):
    application = (
        Application.objects.filter(pk=request.session.get(SESSION_KEY))
        .select_related("round")
        .first()
    )
    if application is None:
        return redirect("apply:form")
    return render(request, "members/apply/received.html", {"application": application})
