"""Background work of the core: the daily anchor of the audit chain (scheduled in ``CELERY_BEAT_SCHEDULE``)."""

from __future__ import annotations

from celery import shared_task

from hamafza.core.audit_anchor import anchor_write


@shared_task(name="hamafza.core.audit_anchor_write")
def audit_anchor_write() -> str:
    return str(anchor_write())
