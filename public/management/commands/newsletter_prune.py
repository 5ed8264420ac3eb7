"""Delete newsletter subscriptions that were not confirmed within a week (double opt-in).

Cron, daily:  30 3 * * *  cd /srv/asdg && .venv/bin/python manage.py newsletter_prune
"""

from django.core.management.base import BaseCommand

from public.services import CONFIRM_DAYS, subscribers_prune


class Command(BaseCommand):
    help = f"Delete newsletter subscriptions not confirmed within {CONFIRM_DAYS} days."

    def handle(self, *args, **options):
        deleted = subscribers_prune()
        self.stdout.write(f"{deleted} unconfirmed subscriptions deleted.")
