"""The portal home's governance panel (an inclusion tag, so the portal view needs no context)."""

from django import template

register = template.Library()


@register.inclusion_tag("steering/panels/governance.html", takes_context=True)
def governance_panel(context):
    return {"request": context["request"], "user": context["user"]}
