"""Money as the Dutch write it: `€ 1.234,56`; negative as `−€ 200,00`. Never float."""

from django import template

from members.formats import format_money

register = template.Library()

__all__ = ["format_money", "money"]


@register.filter
def money(value, arg=""):
    """`{{ amount|money }}` → `€ 1.234,56`; `{{ amount|money:"short" }}` → `€ 20`."""
    return format_money(value, short=arg == "short")
