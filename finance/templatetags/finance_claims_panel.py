"""The portal home's expense-claims panel (an inclusion tag)."""

from django import template

register = template.Library()


@register.inclusion_tag("finance/panels/claims.html", takes_context=True)
def claims_panel(context):
    return {"request": context["request"], "user": context["user"]}
