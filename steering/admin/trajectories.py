"""S5 in the trajectory admin: the plenary meeting adopts an advice, through a decision.

advices cannot know about plenary decisions (it sits below steering), so this app
re-registers the trajectory admin: the step "adopted by the plenary" is no longer a
free-text reference here but a decision recorded at a plenary meeting.
"""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advices.models import Status, Trajectory
from projectgroups.admin import TrajectoryWithGroupAdmin
from steering.admin.relations import contact_log_html
from steering.selectors.relations import contact_log_of_trajectory


class TrajectoryAdoptedByDecisionAdmin(TrajectoryWithGroupAdmin):
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
