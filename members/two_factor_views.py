"""The second factor in the account pages (issue 15.1): verify, enrol, remove.

A password alone never adds a device and never verifies a session: with a device
already, enrolling needs a session verified with it; the first device needs the
password typed again plus a code mailed to the account (members.second_factor).
"""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login

from members import second_factor
from members.audit import audit_event
from members.forms import MailedCodeForm, PasswordAgainForm, TOTPConfirmForm, VerifyForm
from members.services.accounts import (
    second_factor_code_send,
    second_factor_device_remove,
    totp_device_confirm,
    totp_device_start,
)


def _qr_code_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def two_factor(request):
    """The user's devices, whether this session is verified, and what they may do."""
    has_device = second_factor.has_device(request.user)
    context = {
        "devices": list(devices_for_user(request.user)),
        "has_device": has_device,
        "verified": request.user.is_verified(),
        "may_enrol": second_factor.may_enrol(request),
    }
    return render(request, "registration/two_factor.html", context)


@login_required
def two_factor_verify(request):
    """Verify this session with a code from one of the user's devices."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if not second_factor.has_device(request.user):
        messages.info(request, _("Set up two-step verification first."))
        return redirect("accounts:two-factor")
    form = VerifyForm(request.user, request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.get_user().otp_device)
        audit_event("second_factor.verified", user=request.user)
        return redirect(next_url or "accounts:two-factor")
    if request.method == "POST":
        audit_event("second_factor.verify_failed", user=request.user)
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": next_url})


@login_required
def two_factor_first(request):
    """The first device: the password again, then the code mailed to the account."""
    if second_factor.has_device(request.user):
        # Another device is added only from a session verified with an existing one.
        return redirect("accounts:two-factor-add")
    password_form = PasswordAgainForm(user=request.user)
    code_form = MailedCodeForm()
    if request.method == "POST" and "password" in request.POST:
        password_form = PasswordAgainForm(request.POST, user=request.user)
        if password_form.is_valid() and not second_factor.first_device_code_may_send(request.user):
            password_form.add_error(
                None, _("Too many codes were sent in the last hour. Try again later.")
            )
        elif password_form.is_valid():
            code = second_factor.first_device_code_new(request)
            second_factor_code_send(user=request.user, code=code)
            sent = _("We have sent a code to %(email)s.") % {"email": request.user.email}
            messages.info(request, sent)
            return redirect("accounts:two-factor-first")
    elif request.method == "POST" and "code" in request.POST:
        code_form = MailedCodeForm(request.POST)
        if code_form.is_valid():
            if second_factor.first_device_code_check(request, code_form.cleaned_data["code"]):
                return redirect("accounts:two-factor-add")
            code_form.add_error(
                "code",
                _("This code is not correct or no longer valid.")
                if second_factor.first_device_code_pending(request)
                else _("This code is no longer valid. Type your password again for a new one."),
            )
    context = {
        "password_form": password_form,
        "code_form": code_form,
        "code_sent": second_factor.first_device_code_pending(request),
    }
    return render(request, "registration/two_factor_first.html", context)


@login_required
def two_factor_add(request):
    """Add an authenticator app, beside the devices the user has (none is removed)."""
    if not second_factor.may_enrol(request):
        if second_factor.has_device(request.user):
            return second_factor.redirect_to_verify(request)
        return redirect("accounts:two-factor-first")
    device = totp_device_start(user=request.user)
    form = TOTPConfirmForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device = totp_device_confirm(device=device)
        otp_login(request, device)
        second_factor.first_device_grant_end(request)
        messages.success(request, _("Two-step verification is set up."))
        return redirect("accounts:two-factor")
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "has_device": second_factor.has_device(request.user),
        "qr_code": _qr_code_data_uri(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    return render(request, "registration/two_factor_setup.html", context)


@login_required
@require_POST
@second_factor.second_factor_required
def two_factor_remove(request):
    """Remove one of the user's own devices: an explicit action from a verified session."""
    device = next(
        (
            device
            for device in devices_for_user(request.user)
            if device.persistent_id == request.POST.get("device", "")
        ),
        None,
    )
    if device is None:
        raise Http404("No such device.")
    second_factor_device_remove(device=device, by=request.user)
    messages.success(request, _("The device has been removed."))
    return redirect(reverse("accounts:two-factor"))
