"""Drafting the advice in the portal: the project group saves, comments and marks ready.

Who may do so is projectgroups.rules.can_edit_draft; the rules of the advice itself are
in advices.services.drafting.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from advices.models import Advice, Comment, Status
from advices.services import (
    advice_mark_ready,
    advice_save_draft,
    comment_add,
    trajectory_advance,
)
from members.models import User
from projectgroups.models import ProjectGroup
from projectgroups.rules import can_edit_draft


def _require_edit(user: User, group: ProjectGroup) -> None:
    if not can_edit_draft(user, group):
        raise PermissionDenied


@transaction.atomic
def draft_save(
    *,
    group: ProjectGroup,
    by: User,
    data: dict,
    recommendations: list[str],
    base_version: int | None = None,
) -> Advice:
    """Save the draft as a new version; the first draft moves the trajectory to drafting.

    `base_version` is the version the editor started from: when someone else saved a
    newer one meanwhile, the save is refused instead of silently overwriting theirs.
    """
    _require_edit(by, group)
    advice = Advice.objects.select_for_update().get(trajectory_id=group.trajectory_id)
    if base_version is not None and advice.version != base_version and not advice.frozen:
        raise ValidationError(
            _(
                "Someone else saved version %(version)s of the draft while you were editing. "
                "Copy your changes, reload the page and make them again."
            )
            % {"version": advice.version}
        )
    advice = advice_save_draft(
        advice=advice,
        by=by,
        data=data,
        recommendations=[text.strip() for text in recommendations if text.strip()],
    )
    trajectory = group.trajectory
    trajectory.refresh_from_db(fields=["status"])
    if trajectory.status == Status.GROUP_FORMED:
        trajectory_advance(
            trajectory=trajectory, to=Status.DRAFTING, by=by, note=_("First draft saved.")
        )
    return advice


def draft_comment(
    *,
    group: ProjectGroup,
    by: User,
    section: str,
    text: str,
    recommendation: int | None = None,
) -> Comment:
    _require_edit(by, group)
    return comment_add(
        advice=group.trajectory.advice,
        by=by,
        section=section,
        recommendation=recommendation,
        text=text,
    )


def draft_mark_ready(*, group: ProjectGroup, by: User) -> Advice:
    _require_edit(by, group)
    return advice_mark_ready(advice=group.trajectory.advice, by=by)
