"""Choosing an advice trajectory in a form (issue 18.5): each option names the advice and
the day its request came in, so two advices on one subject are told apart, and lists
the newest first. Which trajectories a form offers is its own business: only those in a
state where the choice makes sense (a draft for an agenda item, no group yet for a
project group)."""

from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from advices.models import Trajectory


def trajectory_label(trajectory: Trajectory) -> str:
    return _("%(subject)s (received %(date)s)") % {
        "subject": trajectory.subject,
        "date": date_format(trajectory.received_on),
    }


def newest_first(trajectories: QuerySet[Trajectory]) -> QuerySet[Trajectory]:
    return trajectories.order_by("-received_on", "subject", "pk")


class TrajectoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Trajectory) -> str:
        return trajectory_label(obj)


class TrajectoryMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Trajectory) -> str:
        return trajectory_label(obj)
