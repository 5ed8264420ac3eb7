"""The search and filter form of /adviezen/ (a GET form: it works without JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from advices.models import Status
from advices.public_selectors import LAWS, PUBLIC_STATUSES

LAW_LABELS = {"wmo": "Wmo 2015", "jeugdwet": "Jeugdwet", "participatiewet": "Participatiewet"}


class AdviceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. poverty")}),
    )
    jaar = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    wet = forms.ChoiceField(label=_("Law"), required=False)
    thema = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, years=(), themes=(), **kwargs):
        """`years`: the years to choose from; `themes`: (pk, name) pairs."""
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["jaar"].choices = everything + [(year, str(year)) for year in years]
        self.fields["wet"].choices = everything + [(key, LAW_LABELS[key]) for key in LAWS]
        self.fields["thema"].choices = everything + list(themes)
        self.fields["status"].choices = everything + [
            (status, Status(status).label) for status in PUBLIC_STATUSES
        ]

    def selects(self) -> list[tuple[str, str, str, list[tuple[str, str, bool]]]]:
        """The filters as (name, id, label, [(value, label, selected)]) for _filters.html."""
        result = []
        for name in ("jaar", "wet", "thema", "status"):
            field = self[name]
            current = str(field.value() or "")
            options = [
                (str(value), str(label), str(value) == current)
                for value, label in field.field.choices
            ]
            result.append((field.html_name, field.auto_id, str(field.label), options))
        return result

    def _valid(self) -> dict:
        """The valid fields; an invalid value (an old link, a typed URL) is ignored."""
        if not self.is_bound:
            return {}
        self.is_valid()  # keeps the valid fields in cleaned_data
        return self.cleaned_data

    def filters(self) -> dict:
        data = self._valid()
        return {
            "year": data.get("jaar"),
            "law": data.get("wet") or "",
            "theme": data.get("thema"),
            "status": data.get("status") or "",
        }

    def search_text(self) -> str:
        return (self._valid().get("q") or "").strip()
