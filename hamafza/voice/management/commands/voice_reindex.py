"""``hamafza voice-reindex``: re-sync the public pages other modules register (``core.public_pages``), then rebuild voice's search index (FTS5 on SQLite, the GIN-indexed column on
PostgreSQL) from the stored, normalized text of public pages and published comments."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hamafza.core import public_pages
from hamafza.persian import format_number
from hamafza.voice.services import search


class Command(BaseCommand):
    help = "Rebuild the search index of public pages and published comments, with progress."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--chunk", type=int, default=search.REBUILD_CHUNK, help="rows analyzed per batch")
        parser.add_argument("--quiet", action="store_true", help="print only the summary")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if not options["quiet"]:
                percent = 100 * done // total if total else 100
                self.stdout.write(
                    f"نمایه‌سازی: {format_number(done)} از {format_number(total)} ({format_number(percent)}٪)"
                )

        # First the pages other modules own (published evaluation results…), in case some were never made.
        pages = public_pages.sync_all()
        if not options["quiet"]:
            self.stdout.write(f"صفحه‌های عمومی ماژول‌ها هماهنگ شد: {format_number(pages)} صفحه.")
        count = search.rebuild(progress=progress, chunk=max(1, options["chunk"]))
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"نمایه جستجو از نو ساخته شد: {format_number(count)} صفحه و نظر در {format_number(round(elapsed, 1))} ثانیه."
            )
        )
