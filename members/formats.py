"""Money and dates read and shown the Dutch way, in every form, list and message.

On the ground floor so every app's forms and admin may import it (DESIGN.md §2, §4:
money is `€ 1.234,56` in Dutch, never float).
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
MINUS = "\u2212"  # the minus sign, not a hyphen: screen readers say "min"

# "1.250,50", "1250,50", "1250" (optional cents after a decimal comma); a leading minus.
_DUTCH_AMOUNT = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")


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


def format_date(value) -> str:
    """A date as the active language writes it in full: "5 december 2026"."""
    return formats.date_format(value, "j F Y")


def parse_money(text: str) -> Decimal:
    """Read an amount as the Dutch write it: "€ 1.250,50", "1.250,50" and "1250,50" are
    all 1250.50. A point is only a thousands separator, so "1,250.50" and "12.50" are
    refused (ValueError) rather than read as something else."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", text).replace(MINUS, "-")
    if not _DUTCH_AMOUNT.fullmatch(cleaned):
        raise ValueError(text)
    try:
        return Decimal(cleaned.replace(".", "").replace(",", "."))
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only digits
        raise ValueError(text) from error


class MoneyInput(forms.TextInput):
    """A text input (a number input refuses the decimal comma) that shows `1.250,50`."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int):
            return format_money(value).replace("€ ", "").replace(MINUS, "-")
        return super().format_value(value)


class MoneyFormField(forms.DecimalField):
    """An amount in euros as the Dutch write it, with a Dutch message for anything else."""

    widget = MoneyInput
    default_error_messages = {
        "invalid": _(
            "Write the amount the Dutch way: a point between thousands and a comma "
            "before the cents, e.g. 1.250,50."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.pop("localize", None)  # this field reads the Dutch way itself
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        try:
            return parse_money(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


# For ModelAdmin.formfield_overrides and ModelForm field lists: every amount a money field.
MONEY_FORMFIELD_OVERRIDES = {models.DecimalField: {"form_class": MoneyFormField}}


class IsoDateInput(forms.DateInput):
    """`<input type="date">` takes its value in ISO only: a localized "06-12-2026" would
    leave the field empty, and the user's default with it."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
