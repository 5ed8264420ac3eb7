from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from asdg import backup


class Command(BaseCommand):
    help = (
        "Backs up the database (pg_dump, custom format) and MEDIA_ROOT (tar) into a folder; "
        "--prune then keeps 14 daily, 8 weekly and 12 monthly backups."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder",
            default=settings.BASE_DIR / "backups",
            type=Path,
            help="Where the backups go (default: backups/ in the project).",
        )
        parser.add_argument(
            "--prune", action="store_true", help="Afterwards, delete what the retention drops."
        )

    def handle(self, *args, folder, prune, **options):
        try:
            made = backup.backup(
                folder=folder,
                database=settings.DATABASES["default"],
                media_root=Path(settings.MEDIA_ROOT),
            )
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Database: {made.dump}")
        self.stdout.write(f"Uploads:  {made.media or '(no MEDIA_ROOT folder, nothing to pack)'}")
        if prune:
            for path in backup.prune(folder):
                self.stdout.write(f"Pruned:   {path}")
