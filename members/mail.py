"""Mail that goes out after the transaction commits and never undoes what was saved.

A message with a `topic` (invitations, votes, groups, claims) goes to a member who chose
the weekly digest as a `Notification` instead; `digest_send` mails those once a week.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from members.models import MailPreference, Notification, User
from organisation.selectors import organisation_get

logger = logging.getLogger(__name__)


def render_templated_mail(*, template: str, context: dict) -> tuple[str, str]:
    """The subject (one line) and body of `<template>_subject.txt` and `<template>.txt`."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"organisation": organisation_get(), **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    return subject, body


def send_on_commit(message: EmailMessage, *, label: str) -> None:
    def send():
        try:
            message.send()
        except Exception:
            logger.exception("Mail %s could not be sent.", label)

    transaction.on_commit(send)


def send_templated_mail_on_commit(
    *, template: str, to: list[str], context: dict, topic: str | None = None
) -> None:
    """Render `<template>_subject.txt` and `<template>.txt` in Dutch and send after commit.

    With a `topic`, recipients who chose the weekly digest get a Notification in this
    transaction instead (and nothing if it rolls back). A failed send is logged (with
    the template, never the content) and can be retried; what the user submitted stays.
    """
    subject, body = render_templated_mail(template=template, context=context)
    if topic:
        digest_users = {
            user.email.lower(): user
            for user in User.objects.filter(
                email__in=[address.lower() for address in to],
                mail_preference=MailPreference.WEEKLY,
                is_active=True,
            )
        }
        Notification.objects.bulk_create(
            Notification(user=user, topic=topic, subject=subject, body=body)
            for user in digest_users.values()
        )
        to = [address for address in to if address.lower() not in digest_users]
    if to:
        send_on_commit(EmailMessage(subject=subject, body=body, to=to), label=template)
