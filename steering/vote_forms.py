"""Forms of the votes in the room (issue 17.5): the chair's opening form and a member's
ballot. Both work without JavaScript; the services decide (steering.services.votes)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from steering.models import AgendaItem, PlenaryMeeting, VoteChoice


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.position}. {obj.title}"


class VoteOpenForm(forms.Form):
    agenda_item = ItemChoiceField(
        label=_("Agenda item"),
        queryset=AgendaItem.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose an item of this meeting's agenda.")},
    )
    proposal = forms.CharField(
        label=_("Proposal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("As the chair reads it out; it becomes the text of the decision."),
        error_messages={"required": _("Write down the proposal the members vote on.")},
    )
    secret = forms.BooleanField(
        label=_("Secret vote"),
        required=False,
        help_text=_(
            "Secret: only the counts are kept and nobody sees who voted how. Open: the "
            "names are recorded with the choices."
        ),
    )
    adopts_advice = forms.BooleanField(
        label=_("A carried proposal adopts the draft advice of this item"),
        required=False,
        help_text=_("Only for an item that carries a draft its project group marked ready."),
    )

    def __init__(self, *args, meeting: PlenaryMeeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = (
            AgendaItem.objects.filter(meeting=meeting)
            .select_related("trajectory")
            .order_by("position", "pk")
        )


class BallotForm(forms.Form):
    """For, against or abstain, as three big radio buttons on a phone."""

    choice = forms.ChoiceField(
        label=_("Your vote"),
        choices=VoteChoice.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choose for, against or abstain.")},
    )
    vote = forms.IntegerField(widget=forms.HiddenInput)
