"""Queue sent newsletters for subscribers who have not had them yet.

The secretariat's action queues the newsletter for every subscriber at once; the mail
worker delivers and retries (issue 15). This command reaches subscribers confirmed since,
and queues deliveries that failed before the outbox. It never queues a newsletter twice
to one address. Cron, e.g. every hour:

    0 * * * *  cd /srv/asdg && .venv/bin/python manage.py newsletter_send --retry-failed
"""

from django.core.management.base import BaseCommand

from public.models import Newsletter
from public.services import BATCH_SIZE, newsletter_deliver


class Command(BaseCommand):
    help = (
        "Send queued newsletters to the subscribers who have not had them yet, in batches; "
        "never twice to one address. --retry-failed tries failed deliveries once more."
    )

    def add_arguments(self, parser):
        parser.add_argument("--newsletter", type=int, help="Only this newsletter (its id).")
        parser.add_argument(
            "--retry-failed", action="store_true", help="Try failed deliveries once more."
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, newsletter=None, retry_failed=False, batch_size=BATCH_SIZE, **opts):
        pending = Newsletter.objects.filter(queued_at__isnull=False, sent_at__isnull=True)
        if newsletter is not None:
            pending = pending.filter(pk=newsletter)
        if not pending.exists():
            self.stdout.write("No newsletter is waiting to be sent.")
            return
        for letter in pending.order_by("queued_at"):
            report = newsletter_deliver(
                newsletter=letter, batch_size=batch_size, retry_failed=retry_failed
            )
            self.stdout.write(
                f"Newsletter {letter.pk} ({letter.subject}): {report.sent} queued, "
                f"{report.failed} failed."
            )
