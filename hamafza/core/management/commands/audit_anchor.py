import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hamafza.core.audit_anchor import anchor_create, anchor_write


class Command(BaseCommand):
    help = (
        "Print the signed head of the audit chain (entry, hash, time, key id, HMAC signature) for an operator to "
        "file away; with --write, store it in HAMAFZA_AUDIT_ANCHOR_DIR (or --dir) instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--write", action="store_true", help="write a file to the anchor directory")
        parser.add_argument("--dir", type=Path, help="the directory to write to (outside the data directory)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["write"] or options["dir"]:
            self.stdout.write(str(anchor_write(options["dir"])))
            return
        self.stdout.write(json.dumps(anchor_create(), ensure_ascii=False, indent=2))
