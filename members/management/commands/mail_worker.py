"""The mail worker (issue 15): delivers the outbox, retrying with back-off.

Runs for ever (deploy/asdg-mail.service, `make run`); `--once` delivers what is due and
stops (a timer or cron). Several workers, on one machine or several, may run at once:
an advisory lock lets one deliver at a time (members.services.outbox). Once a day it
deletes sent mail older than ASDG_MAIL_RETENTION_DAYS.
"""

import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from members.services.outbox import outbox_deliver, outbox_prune

logger = logging.getLogger(__name__)

PRUNE_EVERY = 24 * 60 * 60  # seconds


class Command(BaseCommand):
    help = "Deliver the mail outbox, retrying failed mail with back-off; --once to stop after."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Deliver what is due, then stop.")
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between looks at the outbox (ASDG_MAIL_WORKER_INTERVAL).",
        )

    def handle(self, *args, once=False, interval=None, **options):
        if once:
            report = outbox_deliver()
            self.stdout.write(
                f"{report.sent} sent, {report.requeued} to retry, {report.failed} failed."
            )
            return
        interval = interval or settings.ASDG_MAIL_WORKER_INTERVAL
        stopping = []
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_args: stopping.append(True))
        last_prune = 0.0
        logger.info("Mail worker started, looking every %s s.", interval)
        while not stopping:
            close_old_connections()  # a database restart costs one round, not the worker
            try:
                outbox_deliver()
                if time.monotonic() - last_prune > PRUNE_EVERY:
                    outbox_prune()
                    last_prune = time.monotonic()
            except Exception:
                logger.exception("Mail worker: this round failed; trying again.")
            time.sleep(interval)
        logger.info("Mail worker stopped.")
