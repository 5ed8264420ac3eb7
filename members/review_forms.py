"""The steering group's decision on one application (M3); the service holds the rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.formats import IsoDateInput
from members.models import Application
from members.services.recruitment import DEFAULT_TERM_YEARS, application_decide
from members.shared import add_refusal


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
        # M7
        help_text=_("Only for admission: 1 to 4 years."),
    )

    def __init__(self, *args, application: Application, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("start_date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.application = application
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

    def decide(self, request) -> bool:
        """Take the decision through application_decide (M3, M5): True when it is taken,
        False with the service's refusal on the fields it names. The one path of the
        portal's review and the admin's decision page."""
        data = self.cleaned_data
        try:
            application_decide(
                application=self.application,
                decision=data["decision"],
                by=request.user,
                reason=data["reason"],
                start_date=data["start_date"],
                term_years=data["term_years"],
                site_url=request.build_absolute_uri("/")[:-1],
            )
        except ValidationError as error:
            add_refusal(self, error)
            return False
        return True

    def clean_term_years(self):
        return self.cleaned_data["term_years"] or DEFAULT_TERM_YEARS
