"""The portal home's governance panel (an inclusion tag, so the portal view needs no context):
my steering role and tasks, elections to stand or vote in, the latest results."""

from django import template
from django.utils import timezone

from members.shared import member_of
from steering.selectors.governance import election_phase, elections_for, seat_of

register = template.Library()


@register.inclusion_tag("steering/panels/governance.html", takes_context=True)
def governance_panel(context):
    user = context["user"]
    member = member_of(user)
    now = timezone.now()
    elections = elections_for(member)
    nomination, voting = [], []
    for election in elections.filter(voting_closes_at__gt=now).order_by("voting_closes_at", "pk"):
        phase = election_phase(election, now)
        if phase == "nomination":
            nomination.append(election)
        elif phase == "voting":
            voting.append(election)
    latest = elections.filter(voting_closes_at__lte=now).order_by("-voting_closes_at", "-pk")
    return {
        "request": context["request"],
        "user": user,
        "member": member,
        "seat": seat_of(member) if member else None,
        "nomination": nomination,
        "voting": voting,
        "latest_result": latest.first(),
    }
