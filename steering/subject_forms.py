"""Forms of the subject pages: propose, and the steering group's two answers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from steering.models import PlenaryMeeting, SubjectProposal
from steering.selectors.meetings import upcoming_planned_meetings


class SubjectProposalForm(forms.ModelForm):
    class Meta:
        model = SubjectProposal
        fields = ["title", "description", "purpose"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "purpose": forms.RadioSelect,
        }
        help_texts = {
            "title": _("In a few words: what should the advisory group discuss or advise on?"),
            "description": _("Why this matters, and for whom."),
        }


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlenaryMeeting) -> str:
        return str(obj)


class SubjectScheduleForm(forms.Form):
    meeting = MeetingChoiceField(
        label=_("Plenary meeting"),
        queryset=PlenaryMeeting.objects.none(),
        empty_label=_("Choose a meeting"),
    )
    answer = forms.CharField(
        label=_("Message to the proposer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="schedule", **kwargs)
        self.fields["meeting"].queryset = upcoming_planned_meetings()


class SubjectDeclineForm(forms.Form):
    answer = forms.CharField(
        label=_("Why the subject is not taken up"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The proposer reads this answer in the portal and by e-mail."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="decline", **kwargs)
