"""The steering group reviews a round's applications and decides on them (M3, M5)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import Application, RecruitmentRound
from members.models.common import IncompatibilityAnswers
from members.review_forms import DecisionForm
from members.second_factor import second_factor_required
from members.services import round_open_on
from members.services.recruitment import age_on

# M5: the four incompatibilities, short enough for a table cell.
M5_SHORT = {
    "m5_council": gettext_lazy("M5a: council, committee or college"),
    "m5_employee": gettext_lazy("M5b: employed by the municipality"),
    "m5_commercial": gettext_lazy("M5c: commercial activities in the social domain"),
    "m5_political": gettext_lazy("M5d: representative political function"),
}
OPEN_DECISIONS = (Application.Decision.PENDING, Application.Decision.RESERVE)


def round_for_review(*, year: int | None = None) -> RecruitmentRound | None:
    """The round asked for, else the open round, else the most recent one."""
    if year is not None:
        return RecruitmentRound.objects.filter(year=year).first()
    return round_open_on(timezone.localdate()) or RecruitmentRound.objects.first()


def applications_for_review(*, round: RecruitmentRound) -> QuerySet[Application]:
    return (
        round.applications.select_related("postcode_area")
        .prefetch_related("knowledge_themes")
        .order_by("submitted_at", "pk")
    )


def _broken_rules(application: Application) -> list[str]:
    return [
        M5_SHORT[name] for name in IncompatibilityAnswers.QUESTIONS if getattr(application, name)
    ]


@login_required
@permission_required("members.decide_application", raise_exception=True)
@second_factor_required
def application_list(request):
    year = request.GET.get("jaar", "")
    if year and not year.isdigit():
        raise Http404
    round = round_for_review(year=int(year) if year else None)
    if year and round is None:
        raise Http404
    today = timezone.localdate()
    rows = []
    counts = dict.fromkeys(Application.Decision.values, 0)
    if round is not None:
        for application in applications_for_review(round=round):
            counts[application.decision] += 1
            rows.append(
                {
                    "application": application,
                    "age": age_on(application.date_of_birth, today),
                    "broken_rules": _broken_rules(application),
                }
            )
    context = {
        "round": round,
        "rounds": RecruitmentRound.objects.all(),
        "rows": rows,
        "counts": [(label, counts[value]) for value, label in Application.Decision.choices],
        "ineligible_count": sum(1 for row in rows if row["broken_rules"]),
    }
    return render(request, "members/review/application_list.html", context)


@login_required
@permission_required("members.decide_application", raise_exception=True)
@second_factor_required
def application_detail(request, pk: int):
    application = get_object_or_404(
        Application.objects.select_related("round", "postcode_area", "decided_by", "member"),
        pk=pk,
    )
    form = None
    if application.decision in OPEN_DECISIONS or request.method == "POST":
        form = DecisionForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        if not form.decide(request):
            # Someone else may have decided meanwhile: show what now holds.
            application.refresh_from_db()
        else:
            decision = form.cleaned_data["decision"]
            messages.success(request, decided_message(application, decision))
            return redirect(reverse("review:list") + f"?jaar={application.round.year}")
    see_special = request.user.has_perm("members.see_special_category_data")
    context = {
        "application": application,
        "age": age_on(application.date_of_birth, timezone.localdate()),
        "m5_answers": [
            {
                "short": M5_SHORT[name],
                "question": question,
                "answer": getattr(application, name),
                "explanation": IncompatibilityAnswers.EXPLANATIONS[name],
            }
            for name, question in IncompatibilityAnswers.QUESTIONS.items()
        ],
        "broken_rules": _broken_rules(application),
        "form": form,
        "can_decide": application.decision in OPEN_DECISIONS,
        # GDPR art. 9 data: only for the secretariat, never for the steering group.
        "see_special": see_special,
        "experience_themes": application.experience_themes.all() if see_special else [],
    }
    return render(request, "members/review/application_detail.html", context)


def decided_message(application: Application, decision: str) -> str:
    name = f"{application.first_name} {application.last_name}"
    if decision == Application.Decision.ADMITTED:
        return _(
            "%(name)s has been admitted as a member. They get an e-mail with a link to "
            "choose a password."
        ) % {"name": name}
    if decision == Application.Decision.DECLINED:
        return _("%(name)s has been declined. They get an e-mail with your reason.") % {
            "name": name
        }
    return _("%(name)s is on the reserve list. They get an e-mail with your reason.") % {
        "name": name
    }
