from __future__ import annotations

from celery import shared_task

from hamafza.evaluation.models import Round
from hamafza.evaluation.services.scoring import round_rescore


@shared_task
def rescore_round(round_id: int) -> int:
    """Re-score a round outside the request (an office recomputing after a framework weight fix)."""
    return round_rescore(round_=Round.objects.select_related("framework_version").get(pk=round_id))
