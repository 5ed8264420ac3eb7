from django import forms
from django.utils.translation import gettext_lazy as _

from advices.models import Status
from projectgroups.models import ProjectGroup
from projectgroups.rules import can_choose_policy_officers
from relations.selectors import contact_persons_for_choice


def _label(name: str):
    return ProjectGroup._meta.get_field(name).verbose_name


class WayOfWorkingForm(forms.Form):
    """P4: the group's own way of working and the support it calls on."""

    way_of_working = forms.CharField(
        label=_label("way_of_working"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("How the group works: meetings, tasks, how it collects experiences."),
    )
    external_support_hours = forms.DecimalField(
        label=_label("external_support_hours"),
        min_value=0,
        max_digits=6,
        decimal_places=1,
        help_text=_("Hours of external support the group calls on, for example 4 or 2.5."),
    )
    policy_officers = forms.ModelMultipleChoiceField(
        label=_label("policy_officers"),
        queryset=contact_persons_for_choice(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The municipality's policy officers the group calls on, from the register."),
    )

    @classmethod
    def for_group(cls, group: ProjectGroup, data=None, *, user=None):
        initial = {
            "way_of_working": group.way_of_working,
            "external_support_hours": group.external_support_hours,
            "policy_officers": list(group.policy_officers.all()),
        }
        form = cls(data, initial=initial)
        if user is None or not can_choose_policy_officers(user):
            # Issue 23.6: a member does not see the whole register.
            del form.fields["policy_officers"]
        return form


class TrajectoryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Status.choices],
    )
