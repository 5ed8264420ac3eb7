"""Forms of the member's own pages; they collect input, the services decide."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from members.models import Member
from members.models.common import IncompatibilityAnswers
from members.selectors import term_end_if_extended

AUTOCOMPLETE = {
    "first_name": "given-name",
    "last_name": "family-name",
    "phone": "tel",
    "street_address": "street-address",
    "postcode": "postal-code",
}


class ContactForm(forms.Form):
    """Contact data a member changes themselves; the e-mail address is not among them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, autocomplete in AUTOCOMPLETE.items():
            field = Member._meta.get_field(name).formfield()
            field.widget.attrs["autocomplete"] = autocomplete
            self.fields[name] = field
        self.fields["postcode"].help_text = _("Four digits and two letters, like 9712 AB.")


class ExtensionRequestForm(forms.Form):
    """M7: one extension of 1 to 12 months; each choice shows the term end it leads to."""

    months = forms.TypedChoiceField(
        label=_("Extension"),
        coerce=int,
        error_messages={"invalid_choice": _("An extension is 1 to 12 months.")},
    )
    motivation = forms.CharField(
        label=_("Why do you want to stay longer?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    def __init__(self, *args, member: Member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["months"].choices = [
            ("", _("Choose")),
            *(
                (
                    months,
                    ngettext(
                        "%(months)s month (until %(end)s)",
                        "%(months)s months (until %(end)s)",
                        months,
                    )
                    % {
                        "months": months,
                        "end": date_format(term_end_if_extended(member=member, months=months)),
                    },
                )
                for months in range(1, 13)
            ),
        ]


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class DeclarationForm(forms.Form):
    """M5: the four questions, each answered yes or no; nothing is filled in beforehand."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question in IncompatibilityAnswers.QUESTIONS.items():
            self.fields[name] = forms.TypedChoiceField(
                label=question,
                choices=YES_NO,
                coerce=lambda value: value == "yes",
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer yes or no.")},
            )

    def answers(self) -> dict[str, bool]:
        return {name: self.cleaned_data[name] for name in IncompatibilityAnswers.QUESTIONS}
