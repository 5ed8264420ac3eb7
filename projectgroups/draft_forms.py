from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advices.models import Advice, Comment


class CommentForm(forms.Form):
    """A comment on one section or one recommendation; the page shows one per part."""

    section = forms.ChoiceField(choices=Comment.Section.choices, widget=forms.HiddenInput)
    recommendation = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=gettext_lazy("Your comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )

    def __init__(self, *args, label: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label


class DraftForm(forms.Form):
    """The three text sections and the recommendations, one field each, plus an empty one."""

    introduction = forms.CharField(
        label=gettext_lazy("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    way_of_working = forms.CharField(
        label=gettext_lazy("Way of working"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    considerations = forms.CharField(
        label=gettext_lazy("Considerations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, advice: Advice, recommendations: list[str], **kwargs):
        initial = {
            "introduction": advice.introduction,
            "way_of_working": advice.way_of_working,
            "considerations": advice.considerations,
            "version": advice.version,
        }
        super().__init__(*args, initial=initial, **kwargs)
        # On a re-shown form keep as many fields as were sent, so nothing typed is lost.
        count = len(recommendations)
        if self.is_bound:
            count = max(count, len(self._sent_recommendation_keys()) - 1)
        for number in range(1, count + 2):
            name = f"recommendation_{number}"
            self.fields[name] = forms.CharField(
                label=(
                    _("Recommendation %(number)s") % {"number": number}
                    if number <= count
                    else _("New recommendation")
                ),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=(
                    _("Leave empty to remove this recommendation.")
                    if number <= count
                    else _("Leave empty if you add none.")
                ),
            )
            if number <= len(recommendations):
                self.initial[name] = recommendations[number - 1]

    def _sent_recommendation_keys(self) -> list[str]:
        return [key for key in self.data if key.startswith("recommendation_")]

    def recommendation_texts(self) -> list[str]:
        """The recommendations in order; empty ones are dropped and the rest renumbered."""
        names = sorted(
            (name for name in self.fields if name.startswith("recommendation_")),
            key=lambda name: int(name.rsplit("_", 1)[1]),
        )
        return [self.cleaned_data[name] for name in names]

    def recommendation_fields(self):
        return [self[name] for name in self.fields if name.startswith("recommendation_")]

    def section_fields(self):
        return [self[name] for name in ("introduction", "way_of_working", "considerations")]
