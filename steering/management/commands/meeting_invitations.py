"""S6: the daily run of the plenary invitations. Idempotent.

- invites members who joined after a meeting's invitation went out;
- reminds invitees who have not answered, ASDG_MEETING_REMINDER_DAYS before the meeting
  (once per invitation).

Cron, daily:

    30 6 * * *  cd /srv/asdg && .venv/bin/python manage.py meeting_invitations \
        --site-url https://asdg.example.org
"""

from django.core.management.base import BaseCommand

from steering.services.invitations import meeting_invite_missing, meeting_reminders_send


class Command(BaseCommand):
    help = (
        "S6: invite every sitting member not yet invited to the upcoming plenary meetings "
        "whose invitation was sent (members who joined later), and remind those who have "
        "not answered a few days before. A second run sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url", default="", help="Prefix for the portal link, e.g. https://asdg.nl"
        )

    def handle(self, *args, site_url="", **options):
        added = meeting_invite_missing(site_url=site_url)
        reminded = meeting_reminders_send(site_url=site_url)
        self.stdout.write(f"{added} invitation(s) sent, {reminded} reminder(s) sent.")
