"""Daily membership run for cron: term reminders and ends (M7), then retention.

    15 6 * * *  cd /srv/asdg && .venv/bin/python manage.py membership_daily

Idempotent: running it twice on a day sends nothing twice.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from members.services import terms_daily
from members.services.membership import declarations_remind
from members.services.retention import retention_apply


class Command(BaseCommand):
    help = "Term reminders and ends (M7), yearly declaration reminders (M5), data retention."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="YYYY-MM-DD (tests)")

    def handle(self, *args, today=None, **options):
        today = today or timezone.localdate()
        terms = terms_daily(today=today)
        declarations = declarations_remind(today=today)
        retention = retention_apply(today=today)
        self.stdout.write(
            f"{today}: {terms['reminded']} reminded, {terms['ended']} memberships ended, "
            f"{declarations} declaration reminders, "
            f"{retention['applications_deleted']} applications deleted, "
            f"{retention['members_anonymised']} members anonymised."
        )
