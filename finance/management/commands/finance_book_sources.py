"""Book plenary attendance, advice trajectories and training for a year, each once."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from finance.services import book_sources


class Command(BaseCommand):
    help = (
        "Books plenary attendance, advice trajectories and training on the year's budget "
        "lines. Running it again books nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="The budget year (default: this year).")

    def handle(self, *args, year=None, **options):
        result = book_sources(year=year or timezone.localdate().year)
        for reason in result.skipped:
            self.stdout.write(self.style.WARNING(reason))
        counts = ", ".join(f"{name}: {count}" for name, count in result.booked.items())
        self.stdout.write(f"{result.year}: {result.total} bookings added ({counts or '-'}).")
