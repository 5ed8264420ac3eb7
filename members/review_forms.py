"""The steering group's decision on one application (M3); the service holds the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.formats import IsoDateInput
from members.models import Application
from members.services.recruitment import DEFAULT_TERM_YEARS


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The applicant reads this reason in the e-mail about the decision."),
        error_messages={"required": _("Give the reason for this decision.")},
    )
    start_date = forms.DateField(
        label=_("Start of term"),
        required=False,
        widget=IsoDateInput,
        help_text=_("Only for admission. Leave empty to start today."),
    )
    term_years = forms.IntegerField(
        label=_("Term in years"),
        min_value=1,
        max_value=4,
        required=False,
        initial=DEFAULT_TERM_YEARS,
        help_text=_("Only for admission: 1 to 4 years (M7)."),
    )

    def __init__(self, *args, application: Application, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("start_date", timezone.localdate())
        super().__init__(*args, **kwargs)
        Decision = Application.Decision
        field = self.fields["decision"]
        field.choices = [
            (Decision.ADMITTED, _("Admit as a member")),
            (Decision.DECLINED, _("Decline")),
            (Decision.RESERVE, _("Put on the reserve list")),
        ]
        # What the service refuses is not offered: admitting an ineligible applicant or
        # putting them on the reserve list (M5), or the reserve list again. A crafted POST
        # still reaches the service, which says why.
        field.widget.choices = [
            (value, label)
            for value, label in field.choices
            if not (value in (Decision.ADMITTED, Decision.RESERVE) and not application.is_eligible)
            and value != application.decision
        ]

    def clean_term_years(self):
        return self.cleaned_data["term_years"] or DEFAULT_TERM_YEARS
