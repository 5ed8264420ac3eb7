"""S6: invite members who joined after a meeting's invitations went out. Idempotent.

Cron, daily:

    30 6 * * *  cd /srv/asdg && .venv/bin/python manage.py meeting_invitations \
        --site-url https://asdg.example.org
"""

from django.core.management.base import BaseCommand

from steering.services.meetings import meeting_invite_missing


class Command(BaseCommand):
    help = (
        "S6: invite every sitting member not yet invited to the upcoming plenary meetings "
        "(members who joined later) and e-mail them. A second run adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url", default="", help="Prefix for the portal link, e.g. https://asdg.nl"
        )

    def handle(self, *args, site_url="", **options):
        added = meeting_invite_missing(site_url=site_url)
        self.stdout.write(f"{added} invitation(s) sent.")
