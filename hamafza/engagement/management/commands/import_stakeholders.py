"""``hamafza import-stakeholders FILE [--dry-run] [--json] [--template FILE]``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hamafza.core.errors import DomainError
from hamafza.engagement.services.importing import analyze, import_commit
from hamafza.engagement.services.sheets import template_xlsx
from hamafza.persian import to_persian_digits


class Command(BaseCommand):
    help = "ورود ذی‌نفعان از پرونده Excel یا CSV؛ با --template قالب خالی با یک سطر نمونه نوشته می‌شود."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="پرونده xlsx یا csv")
        parser.add_argument("--dry-run", action="store_true", help="فقط بررسی؛ چیزی ثبت نمی‌شود")
        parser.add_argument("--json", action="store_true", help="گزارش به شکل JSON")
        parser.add_argument("--template", metavar="FILE", help="نوشتن قالب پرونده در این مسیر")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["template"]:
            Path(options["template"]).write_bytes(template_xlsx())
            if not options["json"]:
                self.stdout.write(f"قالب در {options['template']} نوشته شد.")
            if not options["file"]:
                return
        if not options["file"]:
            raise CommandError("مسیر پرونده را بدهید.")
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"پرونده {path} پیدا نشد.")
        content = path.read_bytes()
        try:
            if options["dry_run"]:
                analysis = analyze(content, path.name)
                created = 0
            else:
                analysis = import_commit(content=content, filename=path.name, by=None)
                created = len(analysis.good)
        except DomainError as error:
            raise CommandError(error.message) from error
        report = analysis.report()
        if options["json"]:
            payload = {"created": created, "duplicates": report["duplicates"], "errors": report["errors"]}
            if options["dry_run"]:
                payload["would_create"] = len(analysis.good)
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        for error in analysis.errors:
            self.stdout.write(f"ردیف {to_persian_digits(error.row)}، ستون «{error.column}»: {error.message}")
        for duplicate in analysis.duplicates:
            self.stdout.write(
                f"ردیف {to_persian_digits(duplicate.row)}: {duplicate.reason} — «{duplicate.name}» همان «{duplicate.existing}»"
            )
        verb = "ثبت می‌شود" if options["dry_run"] else "ثبت شد"
        self.stdout.write(f"{to_persian_digits(len(analysis.good))} ذی‌نفع {verb}.")
