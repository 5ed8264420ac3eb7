from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp.forms import OTPTokenForm

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


class PasswordAgainForm(forms.Form):
    """Issue 15.1: the first device needs the password typed again, in this session."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."))
        return password


class MailedCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the e-mail"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class VerifyForm(OTPTokenForm):
    """The code from one of the user's devices (django-otp checks and throttles it)."""

    # django-otp has no Dutch catalogue: its messages in our words.
    otp_error_messages = {
        **OTPTokenForm.otp_error_messages,
        "token_required": _("Enter the code your app shows now."),
        "invalid_token": _("This code is not correct. Enter the 6 digits your app shows now."),
        "n_failed_attempts": _(
            "Too many wrong codes in a row. Wait a minute, then enter the new code."
        ),
        "verification_not_allowed": _(
            "Too many wrong codes in a row. Wait a minute, then enter the new code."
        ),
        "device_required": _("Choose a device."),
    }

    def __init__(self, user, request=None, *args, **kwargs):
        super().__init__(user, request, *args, **kwargs)
        self.fields["otp_device"].label = _("Device")
        self.fields["otp_token"].label = _("Code")
        self.fields["otp_token"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "one-time-code"}
        )
        self.fields["otp_challenge"].widget = forms.HiddenInput()
        choices = self.fields["otp_device"].choices
        if len(choices) == 2:  # the blank entry and one device: choose it
            self.fields["otp_device"].initial = choices[1][0]
