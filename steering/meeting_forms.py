"""Forms of the meeting pages in the portal: the answer to an invitation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from steering.models import Invitation

ANSWERS = [
    (Invitation.Response.YES, _("Yes, I will come")),
    (Invitation.Response.NO, _("No, I cannot come")),
    (Invitation.Response.MAYBE, _("Maybe")),
]


class RsvpForm(forms.Form):
    """One per meeting on a page: the prefix keeps the radio buttons' ids apart."""

    response = forms.ChoiceField(
        label=_("Will you come?"), choices=ANSWERS, widget=forms.RadioSelect
    )

    @classmethod
    def for_meeting(cls, meeting_pk: int, data=None, initial_response: str = ""):
        return cls(data, prefix=f"meeting-{meeting_pk}", initial={"response": initial_response})
