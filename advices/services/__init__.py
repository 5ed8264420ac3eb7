"""Every change to an advice trajectory goes through these services (A1–A5, S5):
the workflow and its publication, drafting the advice, and the college's response."""

from advices.services.drafting import advice_mark_ready, advice_save_draft, comment_add
from advices.services.responses import (
    college_response_record,
    college_response_update,
    explanation_field,
    response_field,
)
from advices.services.workflow import (
    advice_publish,
    advice_unpublish,
    next_status,
    trajectory_adoption_check,
    trajectory_advance,
    trajectory_create,
    trajectory_ready_check,
    trajectory_withdraw,
)

__all__ = [
    "advice_mark_ready",
    "advice_publish",
    "advice_save_draft",
    "advice_unpublish",
    "college_response_record",
    "college_response_update",
    "comment_add",
    "explanation_field",
    "next_status",
    "response_field",
    "trajectory_adoption_check",
    "trajectory_advance",
    "trajectory_create",
    "trajectory_ready_check",
    "trajectory_withdraw",
]
