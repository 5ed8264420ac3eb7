"""The portal home's meetings panel (an inclusion tag, so the portal view needs no context)."""

from django import template

from members.shared import member_of
from steering.models import Invitation, SubjectProposal
from steering.selectors.meetings import meetings_for_portal, recent_decisions

register = template.Library()

PANEL_ROWS = 3


@register.inclusion_tag("steering/panels/meetings.html", takes_context=True)
def meetings_panel(context):
    user = context["user"]
    member = member_of(user)
    subjects = []
    if member is not None:
        subjects = list(
            SubjectProposal.objects.filter(proposer=member).order_by("-created_at", "-pk")[
                :PANEL_ROWS
            ]
        )
    return {
        "request": context["request"],
        "user": user,
        "perms": context.get("perms"),
        "member": member,
        "upcoming": list(meetings_for_portal(member=member, upcoming=True)[:PANEL_ROWS]),
        "decisions": list(recent_decisions(PANEL_ROWS)),
        "subjects": subjects,
        "Response": Invitation.Response,
    }
