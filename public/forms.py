"""The newsletter's sign-up form: an address, and the honeypot every public form has."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.form_guards import HoneypotForm


class SubscribeForm(HoneypotForm):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
