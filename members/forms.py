from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from members.models import MailPreference


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "This e-mail address and password do not match. Note that the password "
            "is case-sensitive."
        ),
        "inactive": _("This account is inactive."),
    }


class TOTPConfirmForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            # django-otp slows down guessing: after a wrong code, wait before the next.
            raise forms.ValidationError(
                _("Too many wrong codes in a row. Wait a minute, then enter the new code.")
            )
        token = self.cleaned_data["token"].strip()
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(
                _("This code is not correct. Enter the 6 digits your app shows now.")
            )
        return token


class MailPreferenceForm(forms.Form):
    mail_preference = forms.ChoiceField(
        label=_(
            "How do you want to receive messages about invitations, votes, project groups "
            "and claims?"
        ),
        choices=MailPreference.choices,
        widget=forms.RadioSelect,
    )
