"""What every public form that saves or sends something has: a honeypot and a rate limit.

Shared by the newsletter sign-up (public/) and the application form (/aanmelden/), so it
sits on the ground floor where both can import it.
"""

from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from members.client import client_address

HOUR = 60 * 60


class HoneypotForm(forms.Form):
    """A form with a field people never see: a bot that fills it in is a bot.

    The template shows `website` with "members/includes/honeypot.html" (hidden by CSS and
    from screen readers). The view answers a bot as it would a person, and saves and sends
    nothing.
    """

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


def rate_limited(request, *, scope: str, limit: int, window: int = HOUR) -> bool:
    """Count this request against `limit` per `window` seconds per client address.

    True once the limit is passed; the count lives in the cache (shared by the workers).
    """
    key = f"ratelimit:{scope}:{client_address(request) or ''}"
    cache.add(key, 0, window)
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        return False
