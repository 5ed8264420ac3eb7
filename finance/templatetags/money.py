"""Money as the Dutch write it: `€ 1.234,56`; negative as `−€ 200,00`. Never float."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()

CENT = Decimal("0.01")
MINUS = "\u2212"  # the minus sign, not a hyphen: screen readers say "min"


def format_money(value, *, short: bool = False) -> str:
    """Format a Decimal (or int, or numeric string) as `€ 1.234,56`, rounding half up.

    `short` leaves out `,00` for whole amounts (`€ 20`), for amounts in running text.
    Floats are refused: money is Decimal.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        raise TypeError("Money is Decimal, never float.")
    amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = MINUS if amount < 0 else ""
    euros, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while len(euros) > 3:
        groups.insert(0, euros[-3:])
        euros = euros[:-3]
    groups.insert(0, euros)
    text = ".".join(groups)
    if not (short and cents == "00"):
        text = f"{text},{cents}"
    return f"{sign}€ {text}"


@register.filter
def money(value, arg=""):
    """`{{ amount|money }}` → `€ 1.234,56`; `{{ amount|money:"short" }}` → `€ 20`."""
    return format_money(value, short=arg == "short")
