from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from asdg import backup


class Command(BaseCommand):
    help = (
        "Replaces the configured database's contents (and the uploads saved with it) by a "
        "backup. Destroys what is there now: give --confirm with the database's name."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The .dump file written by `backup`.")
        parser.add_argument(
            "--confirm",
            default="",
            metavar="DATABASE_NAME",
            help="The name of the configured database, to show you mean it.",
        )

    def handle(self, *args, file, confirm, **options):
        database = settings.DATABASES["default"]
        if confirm != database["NAME"]:
            raise CommandError(
                f"This replaces everything in database {database['NAME']!r} on "
                f"{database.get('HOST') or 'localhost'} by {file}. To go ahead, repeat the "
                f"database's name: --confirm {database['NAME']} "
                f"(make restore FILE={file} CONFIRM={database['NAME']})."
            )
        try:
            restored = backup.restore(
                dump=file, database=database, media_root=Path(settings.MEDIA_ROOT)
            )
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Database {database['NAME']} restored from {restored.dump}.")
        self.stdout.write(f"Uploads:  {restored.media or '(none saved with this backup)'}")
