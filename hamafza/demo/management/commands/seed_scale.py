"""``hamafza seed-scale --profile small|province|national``: a deterministic country-sized world for the benchmark."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hamafza.demo.scale import PROFILES, seed_scale
from hamafza.places.models import Province
from hamafza.places.services import load_places


class Command(BaseCommand):
    help = "Build a deterministic large world on the real places (bulk inserts; COPY on PostgreSQL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--profile", choices=sorted(PROFILES), default="small")

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "HAMAFZA_ALLOW_DEMO", False):
            raise CommandError("داده‌های آزمایشی در محیط عملیاتی ساخته نمی‌شوند.")
        if not Province.objects.exists():
            load_places()
        seed_scale(options["profile"], self.stdout)
