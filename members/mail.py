"""Outgoing mail: queued in the durable outbox, in the transaction of the change (issue 15).

EMAIL_BACKEND is django-post-office's queue: `message.send()` writes an Email row in the
current transaction, so the mail exists exactly when the change that caused it was
committed, and a rollback takes it back. The mail worker (members.services.outbox,
`manage.py mail_worker`) delivers it, retrying with back-off; a slow or absent mail
server never slows or fails the page, and a failed send waits in the admin, never lost.

A message with a `topic` (invitations, votes, groups, claims) goes to a member who chose
the weekly digest as a `Notification` instead; `digest_send` mails those once a week.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from members.models import MailPreference, Notification, User
from organisation.selectors import organisation_get


def render_templated_mail(*, template: str, context: dict) -> tuple[str, str]:
    """The subject (one line) and body of `<template>_subject.txt` and `<template>.txt`."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"organisation": organisation_get(), **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    return subject, body


def mail_queue(message: EmailMessage) -> None:
    """Put one message in the outbox, in this transaction. Services never call send_mail."""
    message.send()


def send_templated_mail(
    *, template: str, to: list[str], context: dict, topic: str | None = None
) -> None:
    """Render `<template>_subject.txt` and `<template>.txt` in Dutch and queue it.

    With a `topic`, recipients who chose the weekly digest get a Notification in this
    transaction instead (and nothing if it rolls back).
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
        mail_queue(EmailMessage(subject=subject, body=body, to=to))
