"""Every change to a project group goes through these services (P1–P4, M8): the group and
its members, drafting the advice in the portal, and the yearly participation reminder."""

from projectgroups.services.drafting import draft_comment, draft_mark_ready, draft_save
from projectgroups.services.groups import (
    AFTER_THE_RESPONSE,
    participation_confirm,
    participation_decline,
    participation_leave,
    participation_request,
    projectgroup_create,
    projectgroup_set_phase,
    projectgroup_update_way_of_working,
    trajectory_close,
    trajectory_start_monitoring,
)
from projectgroups.services.reminders import participation_remind

__all__ = [
    "AFTER_THE_RESPONSE",
    "draft_comment",
    "draft_mark_ready",
    "draft_save",
    "participation_confirm",
    "participation_decline",
    "participation_leave",
    "participation_remind",
    "participation_request",
    "projectgroup_create",
    "projectgroup_set_phase",
    "projectgroup_update_way_of_working",
    "trajectory_close",
    "trajectory_start_monitoring",
]
