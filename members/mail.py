"""Mail that goes out after the transaction commits and never undoes what was saved."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from organisation.selectors import organisation_get

logger = logging.getLogger(__name__)


def send_templated_mail_on_commit(*, template: str, to: list[str], context: dict) -> None:
    """Render `<template>_subject.txt` and `<template>.txt` in Dutch and send after commit.

    A failed send is logged (with the template, never the content) and can be retried by
    the secretariat; what the user submitted stays saved.
    """
    with translation.override(settings.LANGUAGE_CODE):
        context = {"organisation": organisation_get(), **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    message = EmailMessage(subject=subject, body=body, to=to)

    def send():
        try:
            message.send()
        except Exception:
            logger.exception("Mail %s could not be sent.", template)

    transaction.on_commit(send)
