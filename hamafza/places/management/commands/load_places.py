from typing import Any

from django.core.management.base import BaseCommand

from hamafza.places.services import load_places


class Command(BaseCommand):
    help = "Load Iran's divisions (provinces … villages) from django-iranian-cities; idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        results = load_places(progress=self.stdout.write if options["verbosity"] > 1 else None)
        added = sum(result.created for result in results)
        summary = ", ".join(f"{r.model._meta.model_name}={r.total}" for r in results)
        self.stdout.write(f"places: {added} added ({summary})")
