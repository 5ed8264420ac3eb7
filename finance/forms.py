"""Forms of the expense claims (M9); they collect input, the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from finance.services import claim_approve, claim_reject
from members.formats import IsoDateInput, MoneyFormField
from members.shared import add_refusal

RECEIPT_TYPES = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"


class ClaimForm(forms.Form):
    date = forms.DateField(label=_("Date of the expense"), widget=IsoDateInput)
    amount = MoneyFormField(label=_("Amount in euros"), help_text=_("For example 12,50."))
    description = forms.CharField(
        label=_("What was the expense for?"),
        max_length=300,
        help_text=_("For example: train ticket to the plenary meeting of 12 March."),
    )
    receipt = forms.FileField(
        label=_("Receipt"),
        help_text=_("A PDF, JPEG or PNG file."),
        widget=forms.ClearableFileInput(attrs={"accept": RECEIPT_TYPES}),
    )


class DecisionForm(forms.Form):
    """The secretariat's decision; the reason is required to reject (the service says so)."""

    APPROVE, REJECT = "approve", "reject"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve and book")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you reject the claim; the member receives it by e-mail."),
    )

    def decide(self, claim, *, by) -> str | None:
        """Approve or reject through the services (M9): the message to show, or None with
        the service's refusal on the fields it names. The portal's and the admin's path."""
        data = self.cleaned_data
        try:
            if data["decision"] == self.APPROVE:
                claim_approve(claim=claim, by=by, note=data["reason"])
                return gettext("The claim is approved and booked.")
            claim_reject(claim=claim, by=by, reason=data["reason"])
            return gettext("The claim is rejected.")
        except ValidationError as error:
            add_refusal(self, error)
            return None
