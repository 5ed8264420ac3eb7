"""The mail worker's work: deliver the outbox, one worker at a time, with back-off (issue 15).

Every outgoing mail is a django-post-office `Email` row, written by EMAIL_BACKEND
(post_office.EmailBackend) in the transaction of the change that causes it. This module
delivers those rows through the real backend (POST_OFFICE["BACKENDS"]["default"]).

post_office keeps two senders apart only with a lock *file*, which holds on one machine
and not across app servers (and its queued rows are read without a row lock). So every
delivery here runs under a PostgreSQL advisory lock: whichever worker, on whichever
machine, holds it sends; another one finds it taken and does nothing. A mail is marked
sent by the worker that sent it before the lock is released, so it never goes twice.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import (
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Value,
)
from django.utils import timezone
from post_office import mail as post_office_mail
from post_office.models import STATUS, Email

from members.audit import audit_event_on_commit

logger = logging.getLogger(__name__)

# pg_try_advisory_lock key: "ASDGMAIL" as a number, shared by every worker.
OUTBOX_LOCK = 0x4153_4447_4D41_494C


@dataclass
class OutboxReport:
    locked: bool = True  # False: another worker was delivering; this one did nothing
    sent: int = 0
    failed: int = 0
    requeued: int = 0


def outbox_deliver() -> OutboxReport:
    """Send every mail that is due, under the advisory lock; returns what happened.

    Call it outside a transaction (the worker does): each mail's new state must be
    committed before the lock is let go, or the next worker would see it still queued.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [OUTBOX_LOCK])
        (locked,) = cursor.fetchone()
    if not locked:
        return OutboxReport(locked=False)
    report = OutboxReport()
    try:
        while post_office_mail.get_queued().exists():
            sent, failed, requeued = post_office_mail.send_queued(processes=1)
            report.sent += sent
            report.failed += failed
            report.requeued += requeued
            _back_off()
            if not sent:
                break  # everything due failed: wait for its back-off, not loop now
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [OUTBOX_LOCK])
    if report.failed:
        logger.error("Mail: %s message(s) failed for good; retry them in the admin.", report.failed)
    return report


def _back_off() -> None:
    """Requeued mail waits RETRY_INTERVAL × 2^(attempts − 1), at most ASDG_MAIL_RETRY_MAX.

    post_office waits a fixed RETRY_INTERVAL; this stretches it from the moment of the
    failure (last_updated), so it is the same whenever it runs.
    """
    base = settings.POST_OFFICE["RETRY_INTERVAL"].total_seconds()
    cap = settings.ASDG_MAIL_RETRY_MAX.total_seconds()
    seconds = Func(
        Value(cap),
        Value(base) * Func(Value(2.0), F("number_of_retries") - 1, function="power"),
        function="LEAST",
        output_field=FloatField(),
    )
    wait = ExpressionWrapper(
        Value(datetime.timedelta(seconds=1)) * seconds, output_field=DurationField()
    )
    Email.objects.filter(status=STATUS.requeued, number_of_retries__gte=1).update(
        scheduled_time=ExpressionWrapper(F("last_updated") + wait, output_field=DateTimeField())
    )


def outbox_requeue(*, emails, by) -> int:
    """Queue failed or waiting mails again, due now, with a fresh count of attempts.

    A sent mail is never queued again: that would send it twice.
    """
    count = emails.exclude(status=STATUS.sent).update(
        status=STATUS.queued, scheduled_time=None, number_of_retries=0
    )
    audit_event_on_commit("mail.requeued", actor=by, count=count)
    return count


def outbox_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete sent mails older than ASDG_MAIL_RETENTION_DAYS (with their logs)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.ASDG_MAIL_RETENTION_DAYS)
    _total, deleted = Email.objects.filter(status=STATUS.sent, last_updated__lt=cutoff).delete()
    return deleted.get(Email._meta.label, 0)
