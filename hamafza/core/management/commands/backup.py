from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hamafza.core.errors import DomainError
from hamafza.core.ops import backup_create


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one archive with a manifest of SHA-256 checksums."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", "-o", type=Path, default=None, help="archive path (default: var/backups/hamafza-<time>.tar.gz)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path = backup_create(output=options["output"], by=None)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"پشتیبان ساخته شد: {path}")
