"""S5 in the trajectory admin: the plenary meeting adopts an advice, through a decision.

advices cannot know about plenary decisions (it sits below steering), so this app
re-registers the trajectory admin: the step "adopted by the plenary" is no longer a
free-text reference here but a decision recorded at a plenary meeting. In the trajectory's
flow (issue 18.1) it is chosen from the decisions of the meeting whose agenda carried the
draft (steering.services.adoptions.decision_adopt_advice).
"""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advices.admin_flow import StepForm
from advices.models import Status, Trajectory
from members.formats import format_date
from projectgroups.admin import TrajectoryWithGroupAdmin
from steering.admin.relations import contact_log_html
from steering.selectors.adoptions import decisions_to_adopt, meetings_carrying_draft
from steering.selectors.meetings import local_date
from steering.selectors.relations import contact_log_of_trajectory
from steering.services.adoptions import (
    ADOPTED_ANOTHER,
    ANOTHER_ITEM,
    NOT_ADOPTED,
    decision_adopt_advice,
)


class AdoptingDecisionField(forms.ModelChoiceField):
    """A decision as the letter to the college names it: the meeting's date and the
    decision's number within that meeting, never a database id."""

    def label_from_instance(self, obj):
        return gettext("Adopted by the plenary meeting of %(date)s (decision %(number)s)") % {
            "date": format_date(local_date(obj.meeting.starts_at)),
            "number": obj.number,
        }


class AdoptionForm(StepForm):
    """S5 in the trajectory's flow: the plenary decision that adopted the advice, chosen
    from the decisions of the meeting whose agenda carried its draft."""

    decision = AdoptingDecisionField(
        label=_("Plenary decision"),
        queryset=None,
        help_text=_(
            "The decisions of the meeting whose agenda item carried this draft, adopted by "
            "the members and not yet naming an advice."
        ),
    )

    def __init__(self, *args, trajectory, **kwargs):
        super().__init__(*args, trajectory=trajectory, **kwargs)
        decisions = decisions_to_adopt(trajectory)
        self.fields["decision"].queryset = decisions
        if len(decisions) == 1:
            self.fields["decision"].empty_label = None


class TrajectoryAdoptedByDecisionAdmin(TrajectoryWithGroupAdmin):
    flow_rules = [
        *TrajectoryWithGroupAdmin.flow_rules,
        (NOT_ADOPTED, "S5"),
        (ADOPTED_ANOTHER, "S5"),
        (ANOTHER_ITEM, "S5"),
    ]
    # Issue 23.2: the trajectory's page lists its contacts (afstemming) in time order.
    readonly_fields = [*TrajectoryWithGroupAdmin.readonly_fields, "contact_log"]
    fieldsets = [
        *TrajectoryWithGroupAdmin.fieldsets,
        (_("Contacts (afstemming)"), {"fields": ["contact_log"]}),
    ]

    @admin.display(description=_("contacts, oldest first"))
    def contact_log(self, trajectory):
        if trajectory.pk is None:
            return "—"
        return contact_log_html(contact_log_of_trajectory(trajectory))

    # Issue 18.1: the flow's step "adopted" names the members' decision (S5).

    def flow_form_class(self, trajectory, step):
        if step == Status.ADOPTED:
            # Without a decision to choose, flow_needs says where to record one.
            return AdoptionForm if decisions_to_adopt(trajectory).exists() else None
        return super().flow_form_class(trajectory, step)

    def flow_needs(self, trajectory, step):
        needs = super().flow_needs(trajectory, step)
        if step != Status.ADOPTED:
            return needs
        meeting = meetings_carrying_draft(trajectory).first()
        if meeting is None:
            needs["links"] = [
                {
                    "url": reverse("admin:steering_plenarymeeting_changelist"),
                    "text": gettext(
                        "Put the draft on the agenda of a plenary meeting (an agenda item "
                        "with this trajectory)"
                    ),
                }
            ]
        elif not decisions_to_adopt(trajectory).exists():
            url = reverse("admin:steering_decision_add") + (
                f"?meeting={meeting.pk}&trajectory={trajectory.pk}"
            )
            needs["links"] = [
                {
                    "url": url,
                    "text": gettext(
                        "Record the members' decision, with its votes, at the plenary "
                        "meeting of %(date)s"
                    )
                    % {"date": format_date(local_date(meeting.starts_at))},
                }
            ]
        return needs

    def flow_take(self, request, trajectory, step, form):
        if step != Status.ADOPTED:
            return super().flow_take(request, trajectory, step, form)
        decision_adopt_advice(
            decision=form.cleaned_data["decision"], trajectory=trajectory, by=request.user
        )
        return gettext("%(trajectory)s: adopted by the plenary.") % {"trajectory": trajectory}

    def _advance_one(self, request, trajectory, step, data):
        if step != Status.ADOPTED:
            return super()._advance_one(request, trajectory, step, data)
        link = reverse("admin:steering_decision_add") + f"?trajectory={trajectory.pk}"
        self.message_user(
            request,
            format_html(
                '{}: {} <a href="{}">{}</a>',
                trajectory,
                gettext(
                    "S5: the members adopt an advice at a plenary meeting; record the "
                    "decision with its votes and this trajectory."
                ),
                link,
                gettext("Record the plenary decision"),
            ),
            messages.ERROR,
        )


admin.site.unregister(Trajectory)
admin.site.register(Trajectory, TrajectoryAdoptedByDecisionAdmin)
