from __future__ import annotations

from celery import shared_task

from hamafza.evaluation.models import Round
from hamafza.evaluation.services.scoring import round_rescore


@shared_task
def rescore_round(round_id: int) -> int:
    """Re-score a round outside the request (an office recomputing after a framework weight fix)."""
    return round_rescore(round_=Round.objects.select_related("framework_version").get(pk=round_id))


@shared_task
def notify_overdue_actions() -> int:
    """The daily reminder of overdue corrective actions (``hamafza notify-overdue`` does the same by hand)."""
    from django.utils import timezone

    from hamafza.evaluation.notices import overdue_actions_notify

    return overdue_actions_notify(today=timezone.localdate())
