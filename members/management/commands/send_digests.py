"""Weekly digest of held notifications (issue 8), for cron:

    0 7 * * 1  cd /srv/asdg && .venv/bin/python manage.py send_digests

Idempotent: a second run sends nothing until new notifications are held.
"""

from django.core.management.base import BaseCommand

from members.services.notifications import digest_send


class Command(BaseCommand):
    help = "Send members who chose the weekly digest their held messages."

    def handle(self, *args, **options):
        self.stdout.write(f"{digest_send()} digests sent.")
