"""Second-factor devices (django-otp): enrol, confirm, remove (issue 15.1).

Enrolling never removes a device: an old one goes only by `second_factor_device_remove`,
an explicit action from a verified session (or the secretariat's admin). Every
enrolment and removal is an audit event and mails the account holder, so that a
device added by someone else does not go unnoticed.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.audit import audit_event_on_commit
from members.mail import send_templated_mail
from members.models import User

TOTP_DEVICE_NAME = "Authenticator-app"


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed TOTP device a user is setting up (created on first ask).

    The caller has checked that the user may enrol (members.second_factor.may_enrol).
    """
    User.objects.select_for_update().get(pk=user.pk)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        name = f"{TOTP_DEVICE_NAME} ({date_format(timezone.localdate(), 'SHORT_DATE_FORMAT')})"
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice) -> TOTPDevice:
    """Confirm a verified device beside the user's other devices (none is removed)."""
    user = User.objects.select_for_update().get(pk=device.user_id)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_event_on_commit("second_factor.enrolled", user=user, device=device)
    _mail_holder(user=user, template="registration/emails/two_factor_added", device=device)
    return device


@transaction.atomic
def second_factor_device_remove(*, device: Device, by: User) -> None:
    """Remove one second-factor device, on an explicit request (never as a side effect)."""
    user = User.objects.select_for_update().get(pk=device.user_id)
    name = device.name
    audit_event_on_commit("second_factor.removed", user=user, device=device, by=by)
    device.delete()
    _mail_holder(
        user=user,
        template="registration/emails/two_factor_removed",
        device=device,
        extra={"name": name, "by_someone_else": by.pk != user.pk},
    )


def second_factor_code_send(*, user: User, code: str) -> None:
    """Mail the code that confirms the enrolment of a first device (issue 15.1)."""
    audit_event_on_commit("second_factor.first_device_code_sent", user=user)
    send_templated_mail(
        template="registration/emails/two_factor_code",
        to=[user.email],
        context={"user": user, "code": code},
    )


def _mail_holder(*, user: User, template: str, device: Device, extra: dict | None = None):
    send_templated_mail(
        template=template,
        to=[user.email],
        context={"user": user, "device_name": device.name, "when": timezone.now(), **(extra or {})},
    )
