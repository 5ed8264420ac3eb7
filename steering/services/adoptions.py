"""S5: a decision the members took at a plenary meeting adopts the advice whose draft its
agenda item carried (issue 18.1: named from the trajectory's flow in the admin)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy

from advices.models import Status, Trajectory
from advices.services import (
    trajectory_adoption_check,
    trajectory_advance,
    trajectory_ready_check,
)
from members.audit import audit_event_on_commit
from members.constraints import save_or_refuse
from members.models import User
from steering.models import Decision
from steering.selectors.meetings import local_date
from steering.services.meetings import decision_reference

# S5 (the admin's flow names the rule beside them: advices/admin_flow.py RULED).
NOT_ADOPTED = gettext_lazy(
    "The members did not adopt this proposal (no more votes for than against)."
)
ADOPTED_ANOTHER = gettext_lazy("This decision already adopted another advice.")
ANOTHER_ITEM = gettext_lazy(
    "A decision on an advice is taken on the agenda item that carries its draft; this "
    "decision was taken on another item."
)


def _refuse(message) -> ValidationError:
    return ValidationError({"decision": message})


@transaction.atomic
def decision_adopt_advice(
    *, decision: Decision, trajectory: Trajectory, by: User | None
) -> Decision:
    """S5: an adopted decision, taken on the agenda item that carries the advice's draft and
    recorded without naming the advice, adopts it, once its project group marked the draft
    ready. The checks of decision_record (A2, S5); the decision's proposal and counts stand
    as recorded. Every refusal is on the field `decision` and leaves nothing changed."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("meeting", "agenda_item")
        .get(pk=decision.pk)
    )
    if not decision.adopted:
        raise _refuse(NOT_ADOPTED)
    if decision.trajectory_id is not None:
        raise _refuse(ADOPTED_ANOTHER)
    if decision.agenda_item is None or decision.agenda_item.trajectory_id != trajectory.pk:
        raise _refuse(ANOTHER_ITEM)
    meeting_day = local_date(decision.meeting.starts_at)
    try:
        trajectory_adoption_check(trajectory=trajectory, on=meeting_day)  # A2
        trajectory_ready_check(trajectory=trajectory)  # S5
    except ValidationError as error:
        raise _refuse(error.messages) from error
    decision.trajectory = trajectory
    save_or_refuse(decision, update_fields=["trajectory"])
    try:
        trajectory_advance(
            trajectory=trajectory,
            to=Status.ADOPTED,
            by=by,
            on=meeting_day,
            reference=decision_reference(decision.meeting, decision),
            note=decision.proposal.strip()[:500],
        )
    except ValidationError as error:
        raise _refuse(error.messages) from error
    audit_event_on_commit(
        "decision.adopts_advice",
        actor=by,
        object=decision,
        meeting=decision.meeting,
        trajectory=trajectory,
    )
    return decision
