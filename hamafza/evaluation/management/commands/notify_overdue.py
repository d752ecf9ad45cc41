from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from hamafza.evaluation.notices import overdue_actions_notify


class Command(BaseCommand):
    help = "Notify owners and managers of overdue corrective actions, once per action (run it daily; idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            told = overdue_actions_notify(today=timezone.localdate())
        self.stdout.write(f"overdue actions: {told} people notified")
