from typing import Any

from django.core.management.base import BaseCommand

from hamafza.holidays.services import holidays_load_official


class Command(BaseCommand):
    help = "Load the official holidays of 1404 and 1405 (idempotent: only missing days are added; migrate does it too)."

    def handle(self, *args: Any, **options: Any) -> None:
        added = holidays_load_official()
        self.stdout.write(f"holidays: {added} added")
