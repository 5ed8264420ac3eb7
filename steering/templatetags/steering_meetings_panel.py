"""The portal home's meetings panel (an inclusion tag, so the portal view needs no context)."""

from django import template

register = template.Library()


@register.inclusion_tag("steering/panels/meetings.html", takes_context=True)
def meetings_panel(context):
    return {"request": context["request"], "user": context["user"]}
