from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hamafza.core.audit import verify_chain
from hamafza.core.audit_anchor import AnchorInvalid, anchor_load, verify_anchor
from hamafza.core.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Verify the keyed hash chain of the audit trail; fail naming every entry that was changed or removed. "
        "With --anchor, also check that the head signed in that anchor file is still there (truncation)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--anchor", type=Path, help="an anchor file written by audit-anchor")

    def handle(self, *args: Any, **options: Any) -> None:
        problems = verify_chain()
        if options["anchor"]:
            try:
                problems += verify_anchor(anchor_load(options["anchor"]))
            except AnchorInvalid as error:
                raise CommandError(str(error)) from error
        if problems:
            for problem in problems:
                self.stderr.write(f"audit entry #{problem.seq}: {problem.reason}")
            raise CommandError(f"audit trail is broken: {len(problems)} problem(s) found")
        anchored = " up to and including the anchor" if options["anchor"] else ""
        self.stdout.write(f"audit trail intact: {AuditEntry.objects.count()} entries verified{anchored}")
