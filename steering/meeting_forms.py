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


class AttendanceForm(forms.Form):
    """Who is present: a box per invited member (the admin's attendance page and the
    chair's page in the room, issue 17.5)."""

    attended = forms.MultipleChoiceField(
        label=_("Present"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Preset from the members who answered yes."),
    )

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (
                str(invitation.member_id),
                f"{invitation.member.first_name} {invitation.member.last_name} "
                f"({invitation.get_response_display()})",
            )
            for invitation in invitations
        ]

    @classmethod
    def for_meeting(cls, meeting, data=None):
        """Preset with who is recorded present, or else with who answered yes."""
        invitations = list(
            Invitation.objects.filter(meeting=meeting)
            .select_related("member")
            .order_by("member__last_name", "member__first_name", "pk")
        )
        recorded = any(invitation.attended is not None for invitation in invitations)
        initial = [
            str(invitation.member_id)
            for invitation in invitations
            if (invitation.attended if recorded else invitation.response == "yes")
        ]
        return cls(data, invitations=invitations, initial={"attended": initial})
