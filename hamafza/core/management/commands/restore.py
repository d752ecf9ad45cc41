from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hamafza.core.errors import DomainError
from hamafza.core.ops import backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `hamafza backup`: checks every checksum first, and replaces a database that "
        "already holds data only with --force. Stop the web server and the workers before running it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="the archive written by `hamafza backup`")
        parser.add_argument("--force", action="store_true", help="replace a database that already holds data")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = backup_restore(archive=options["archive"], force=options["force"], by=None)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"پشتیبان {report.archive.name} بازگردانده شد ({report.files} پرونده).")
