"""Daily run for cron: the retention of the register of relations (issue 23.1).

    20 6 * * *  cd /srv/asdg && .venv/bin/python manage.py relations_daily

membership_daily (members) cannot run it: members sits below the register and the
contact log. Idempotent.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from steering.services.relations import relations_retention_apply


class Command(BaseCommand):
    help = "Deletes contact persons linked to nothing recent (ASDG_RELATIONS_RETENTION_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="YYYY-MM-DD (tests)")

    def handle(self, *args, today=None, **options):
        today = today or timezone.localdate()
        deleted = relations_retention_apply(today=today)
        self.stdout.write(f"{today}: {deleted} contact persons deleted.")
