"""Admin forms for seats and elections: each one calls its service, whose refusal lands
on the field that caused it (S1–S4). Nothing is saved by the form itself."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.formats import IsoDateInput
from members.shared import add_refusal
from steering.models import Election, Seat, SeatEndReason, Task
from steering.services.elections import election_open
from steering.services.seats import seat_assign, seat_update_role

# One labelled input per moment (the admin's split date/time widget leaves the parts
# without a label, WCAG 4.1.2).
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
PERIOD_FIELDS = [
    "nomination_opens_at",
    "nomination_closes_at",
    "voting_opens_at",
    "voting_closes_at",
]


class TasksField(forms.MultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=Task.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=_("tasks"),
            # S4
            help_text=_("The tasks of the regulation this seat takes on."),
            **kwargs,
        )


class SeatAddForm(forms.ModelForm):
    """Adding a seat goes through seat_assign (S1: at most 6, sitting members; S2; S3; S4)."""

    by = None  # set by the admin's get_form
    tasks = TasksField()

    class Meta:
        model = Seat
        fields = ["member", "role", "tasks", "source", "election", "starts_on", "term_years"]

    def _post_clean(self):
        # The service validates the whole seat (and the constraints); no half-check here.
        if self.errors:
            return
        data = self.cleaned_data
        try:
            self.instance = seat_assign(
                member=data["member"],
                role=data["role"],
                tasks=data.get("tasks") or [],
                starts_on=data["starts_on"],
                term_years=data["term_years"],
                source=data["source"],
                election=data.get("election"),
                by=self.by,
            )
        except ValidationError as error:
            add_refusal(self, error)


class SeatChangeForm(forms.ModelForm):
    """Only the role and the tasks change (S4); the term and the member stay as assigned."""

    by = None
    tasks = TasksField()

    class Meta:
        model = Seat
        fields = ["role", "tasks"]

    def _post_clean(self):
        if self.errors or not self.has_changed():
            return
        try:
            self.instance = seat_update_role(
                seat=self.instance,
                role=self.cleaned_data["role"],
                tasks=self.cleaned_data.get("tasks") or [],
                by=self.by,
            )
        except ValidationError as error:
            add_refusal(self, error)


class SeatEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ends on"), widget=IsoDateInput)
    end_reason = forms.ChoiceField(label=_("Reason"), choices=SeatEndReason.choices)


class ElectionOpenForm(forms.ModelForm):
    """Opening an election goes through election_open (S1: seats ≤ free seats; S3; S4)."""

    by = None

    class Meta:
        model = Election
        fields = [
            "title", "seats", "term_years", "seats_start_on", "nomination_opens_at",
            "nomination_closes_at", "voting_opens_at", "voting_closes_at",
        ]  # fmt: skip
        help_texts = {
            # S1
            "seats": _("At most the number of seats free when the elected start."),
            "term_years": _(
                # S3, S4
                "1 to 4 years, such that at most half of the seats end in the same year."
            ),
        }

    def _post_clean(self):
        if self.errors:
            return
        try:
            self.instance = election_open(by=self.by, **self.cleaned_data)
        except ValidationError as error:
            add_refusal(self, error)


class ElectionChangeForm(forms.ModelForm):
    """After opening only the title changes: periods and seats are what members were told."""

    class Meta:
        model = Election
        fields = ["title"]
