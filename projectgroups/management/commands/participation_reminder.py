"""M8: in September, e-mail the members without a project group this year the open groups.

Cron, every day in September (a run after the first sends nothing twice):

    0 9 * 9 *  cd /srv/asdg && .venv/bin/python manage.py participation_reminder --send \
        --site-url https://asdg.example.org

Without --send it is a dry run: it lists who would get the e-mail and sends nothing.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from projectgroups.selectors import open_projectgroups
from projectgroups.services import participation_remind

SEPTEMBER = 9


class Command(BaseCommand):
    help = (
        "M8: in September, e-mail every member who took part in no project group this year "
        "the open project groups, once a year. Dry run unless --send is given. Cron: "
        "'0 9 * 9 * manage.py participation_reminder --send' (later runs send nothing twice)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--send", action="store_true", help="Send the e-mails (else dry run).")
        parser.add_argument(
            "--force", action="store_true", help="Run outside September too (tests, catching up)."
        )
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="YYYY-MM-DD (tests)")
        parser.add_argument(
            "--site-url", default="", help="Prefix for the portal link, e.g. https://asdg.nl"
        )

    def handle(self, *args, send=False, force=False, today=None, site_url="", **options):
        today = today or timezone.localdate()
        if today.month != SEPTEMBER and not force:
            self.stdout.write(
                f"{today}: not September; the participation reminder runs in September only "
                "(use --force to run anyway). Nothing sent."
            )
            return
        if not open_projectgroups().exists():
            self.stdout.write(f"{today}: there are no open project groups; nothing sent.")
            return
        members = participation_remind(
            year=today.year, today=today, dry_run=not send, site_url=site_url
        )
        if send:
            self.stdout.write(f"{today}: {len(members)} participation reminders sent.")
        else:
            self.stdout.write(
                f"{today}: dry run; {len(members)} members would get the reminder "
                "(add --send to send):"
            )
        for member in members:
            self.stdout.write(f"  {member.first_name} {member.last_name} <{member.email}>")
