"""Weekly digest of held notifications (issue 8), headed by the open tasks (issue 16), for cron:

    0 7 * * 1  cd /srv/asdg && .venv/bin/python manage.py send_digests

Idempotent: a second run sends nothing until new notifications are held. It lives in
`asdg/` because the open tasks read every app (DESIGN.md §2).
"""

from django.core.management.base import BaseCommand

from asdg.tasks import open_tasks
from members.services.notifications import digest_send


class Command(BaseCommand):
    help = "Send members who chose the weekly digest their held messages and open tasks."

    def handle(self, *args, **options):
        sent = digest_send(tasks_for=lambda user: open_tasks(user=user))
        self.stdout.write(f"{sent} digests sent.")
