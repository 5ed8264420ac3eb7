import base64
import logging
from io import BytesIO

import qrcode
import qrcode.image.svg
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.forms import LoginForm, MailPreferenceForm, TOTPConfirmForm
from members.lockout import account_unlock
from members.services import totp_device_confirm, totp_device_start
from members.services.notifications import mail_preference_set
from organisation.selectors import organisation_get

logger = logging.getLogger(__name__)


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a Dutch page, HTTP 429.

    `account_locked`: the account reached its ceiling from many addresses (members.lockout);
    the page then points to the password-reset mail, which unlocks it.
    """
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": minutes,
        "account_locked": getattr(request, "asdg_account_locked", False),
    }
    return render(request, "registration/lockout.html", context, status=429)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class SafePasswordResetForm(PasswordResetForm):
    """Sends the reset mail after the request's transaction, and never fails the page.

    The answer is the same whether or not the address is known, so it reveals nothing.
    """

    def send_mail(self, *args, **kwargs):
        def send():
            try:
                super(SafePasswordResetForm, self).send_mail(*args, **kwargs)
            except Exception:
                logger.exception("Password reset mail could not be sent.")

        transaction.on_commit(send)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = SafePasswordResetForm
    email_template_name = "registration/emails/password_reset.txt"
    subject_template_name = "registration/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    @property
    def extra_email_context(self):
        return {"organisation": organisation_get()}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The owner proved the mailbox: the account's failed logins no longer lock it.
        account_unlock(email=self.user.email)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:password-change-done")


def _qr_code_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def two_factor_setup(request):
    """Set up the authenticator app that staff need for the admin."""
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    device = totp_device_start(user=request.user)
    form = TOTPConfirmForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device = totp_device_confirm(device=device)
        otp_login(request, device)
        messages.success(request, _("Two-step verification is set up."))
        return redirect("portal")
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "already_confirmed": confirmed,
            "qr_code": _qr_code_data_uri(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        },
    )


@login_required
def mail_preference(request):
    """Issue 8: immediate e-mails or one weekly digest."""
    form = MailPreferenceForm(
        request.POST or None, initial={"mail_preference": request.user.mail_preference}
    )
    if request.method == "POST" and form.is_valid():
        mail_preference_set(user=request.user, preference=form.cleaned_data["mail_preference"])
        messages.success(request, _("Your choice is saved."))
        return redirect("accounts:mail-preference")
    return render(request, "registration/mail_preference.html", {"form": form})
