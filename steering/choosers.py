"""Choosing a plenary decision in a form (issue 18.5): by the meeting's date and the
decision's number within that meeting ("7 februari 2024, besluit 3"), as the minutes and
the advice letter name it, never by a list of every proposal of every meeting. Offer
`steering.selectors.meetings.decisions_numbered(meeting=...)`: that meeting's decisions."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from steering.models import Decision


def decision_label(decision: Decision) -> str:
    """Needs `number` (decisions_numbered) and the meeting (selected with it)."""
    return _("%(date)s, decision %(number)s: %(proposal)s") % {
        "date": date_format(timezone.localtime(decision.meeting.starts_at).date()),
        "number": decision.number,
        "proposal": Truncator(decision.proposal).chars(80),
    }


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Decision) -> str:
        return decision_label(obj)
