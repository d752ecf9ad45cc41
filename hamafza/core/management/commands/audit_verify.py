from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hamafza.core.audit import verify_chain
from hamafza.core.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail; fail naming every entry that was changed or removed."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = verify_chain()
        if problems:
            for problem in problems:
                self.stderr.write(f"audit entry #{problem.seq}: {problem.reason}")
            raise CommandError(f"audit trail is broken: {len(problems)} problem(s) found")
        self.stdout.write(f"audit trail intact: {AuditEntry.objects.count()} entries verified")
