"""The public application form (/aanmelden/). The rules live in application_submit."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members.form_guards import HoneypotForm
from members.formats import IsoDateInput
from members.models import Theme
from members.models.common import (
    MINIMUM_AGE,
    CulturalBackground,
    IncompatibilityAnswers,
    normalise_postcode,
)
from members.models.register import MOTIVATION_MAX_LENGTH, NETWORK_MAX_LENGTH

YES, NO = "yes", "no"

PERSONAL_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "street_address",
    "postcode",
    "date_of_birth",
]
ABOUT_FIELDS = ["motivation", "network", "knowledge_themes"]
SPECIAL_FIELDS = ["experience_themes", "cultural_background", "special_consent"]


def _minimum_age_text() -> str:
    return gettext("You can apply from the age of %(age)s.") % {"age": MINIMUM_AGE}


def _themes():
    return Theme.objects.filter(active=True)


def _yes_no_question(question) -> forms.TypedChoiceField:
    """M5: a required yes or no, with no default, so that nobody answers by omission."""
    return forms.TypedChoiceField(
        label=question,
        choices=[(YES, _("Yes")), (NO, _("No"))],
        coerce=lambda value: value == YES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Answer this question with yes or no.")},
    )


class ApplicationForm(HoneypotForm):
    """Every text has a maximum length, in the database too (issue 15.13)."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send a confirmation to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    street_address = forms.CharField(
        label=_("Street and house number"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        help_text=_("For example 9712 AB. You must live in the municipality of Groningen."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        help_text=lazy(_minimum_age_text, str)(),
        widget=IsoDateInput(attrs={"autocomplete": "bday"}),
    )
    motivation = forms.CharField(
        label=_("Why do you want to join?"),
        max_length=MOTIVATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    network = forms.CharField(
        label=_("Your network"),
        max_length=NETWORK_MAX_LENGTH,
        help_text=_(
            "Organisations, groups and people you are connected with: your neighbourhood, "
            "clubs, volunteer work, a residents' or patients' association."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    knowledge_themes = forms.ModelMultipleChoiceField(
        label=_("On which subjects do you have knowledge?"),
        help_text=_("Tick as many as apply, or none."),
        queryset=_themes(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    experience_themes = forms.ModelMultipleChoiceField(
        label=_("On which subjects do you have lived experience?"),
        help_text=_(
            "For example as a client, a parent or an informal carer. Tick as many as apply, "
            "or none."
        ),
        queryset=_themes(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cultural_background = forms.ChoiceField(
        label=_("Cultural background"),
        choices=[("", _("I'd rather not say")), *CulturalBackground.choices],
        required=False,
    )
    special_consent = forms.BooleanField(
        label=_(
            "I agree that the group stores my cultural background and lived experience, only "
            "to check that the group reflects the population. Only the secretariat sees them. "
            "I can withdraw this consent at any time."
        ),
        required=False,
    )
    personal_capacity = forms.BooleanField(
        label=_(
            "I apply in a personal capacity, not on behalf of an organisation, a client group "
            "or a political party."
        ),
        # The same words as application_submit's check (M6), so one message, one translation.
        error_messages={
            "required": _(
                "Membership is personal: please confirm you take part in a personal capacity."
            )
        },
    )
    m5_council = _yes_no_question(IncompatibilityAnswers.QUESTIONS["m5_council"])
    m5_employee = _yes_no_question(IncompatibilityAnswers.QUESTIONS["m5_employee"])
    m5_commercial = _yes_no_question(IncompatibilityAnswers.QUESTIONS["m5_commercial"])
    m5_political = _yes_no_question(IncompatibilityAnswers.QUESTIONS["m5_political"])

    def fields_named(self, names: list[str]) -> list[forms.BoundField]:
        return [self[name] for name in names]

    def personal_fields(self):
        return self.fields_named(PERSONAL_FIELDS)

    def about_fields(self):
        return self.fields_named(ABOUT_FIELDS)

    def special_fields(self):
        return self.fields_named(SPECIAL_FIELDS)

    def incompatibility_fields(self):
        return self.fields_named(list(IncompatibilityAnswers.QUESTIONS))

    def clean_postcode(self):
        # application_submit checks the municipality (M4); the format is checked here too, so
        # that a typo is a message on the field rather than an error inside the service.
        return normalise_postcode(self.cleaned_data["postcode"])

    def submission(self) -> dict:
        """The keyword arguments for application_submit, from the cleaned data."""
        data = dict(self.cleaned_data)
        data.pop("website")  # the honeypot
        return {
            "knowledge_themes": list(data.pop("knowledge_themes")),
            "experience_themes": list(data.pop("experience_themes")),
            "special_consent": data.pop("special_consent"),
            "data": data,
        }

    # Issue 16.5: the error summary names a field briefly, not by its whole sentence.
    SHORT_LABELS = {
        "special_consent": _("Consent for sensitive data"),
        "personal_capacity": _("Personal capacity"),
        "m5_council": _("Council, committee or college"),
        "m5_employee": _("Employed by the municipality"),
        "m5_commercial": _("Commercial activities"),
        "m5_political": _("Political function"),
        "motivation": _("Motivation"),
        "knowledge_themes": _("Knowledge"),
        "experience_themes": _("Lived experience"),
    }

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(anchor, label, message) for every error, fields in the order of the form."""
        summary = [("", "", message) for message in self.non_field_errors()]
        for field in self:
            # A group of radio buttons or checkboxes: link to its first input.
            anchor = f"{field.auto_id}_0" if field.use_fieldset else field.auto_id
            label = self.SHORT_LABELS.get(field.name, field.label)
            summary.extend((anchor, label, message) for message in field.errors)
        return summary
