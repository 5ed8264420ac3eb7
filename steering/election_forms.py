"""Forms of the election pages: standing as a candidate and voting (S2)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from steering.models import Candidate, Election


class NominationForm(forms.Form):
    statement = forms.CharField(
        label=_("Why do you stand? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The members see this statement next to your name."),
    )


class VoteForm(forms.Form):
    """Checkboxes, one per candidate; the service checks 1..seats (works without JS)."""

    candidates = forms.ModelMultipleChoiceField(
        label=_("Candidates"),
        queryset=Candidate.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one candidate."),
            "invalid_choice": _("You can only vote for candidates standing in this election."),
            "invalid_pk_value": _("You can only vote for candidates standing in this election."),
        },
    )

    def __init__(self, *args, election: Election, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["candidates"]
        field.queryset = election.candidates.filter(withdrawn_at__isnull=True).select_related(
            "member"
        )
        field.label_from_instance = lambda candidate: str(candidate.member)
        field.help_text = _("Choose at most %(seats)s: the number of seats.") % {
            "seats": election.seats
        }
