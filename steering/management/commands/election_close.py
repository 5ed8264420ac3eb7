"""Count the elections whose voting has closed (S2), for cron:

    0 * * * *  cd /srv/asdg && .venv/bin/python manage.py election_close

Idempotent: an election is counted once; a second run finds nothing to do.
"""

from django.core.management.base import BaseCommand

from steering.services.elections import elections_close_due


class Command(BaseCommand):
    help = "Determine the results of every election whose voting has closed."

    def handle(self, *args, **options):
        closed = elections_close_due()
        for election in closed:
            self.stdout.write(f"{election}: results determined.")
        self.stdout.write(f"{len(closed)} election(s) counted.")
