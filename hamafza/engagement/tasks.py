"""Background work: analysing and importing stakeholder sheets (eager in the embedded mode)."""

from __future__ import annotations

from celery import shared_task
from django.db import IntegrityError, transaction

from hamafza.core.errors import DomainError
from hamafza.engagement.models import ImportStatus, StakeholderImport
from hamafza.engagement.services.importing import analyze, import_commit


def _progress(job_id: int) -> object:
    def report(done: int, total: int) -> None:
        # Its own short write, so a page polling the status sees it while the import's transaction is open.
        StakeholderImport.objects.filter(pk=job_id).update(processed_rows=done, total_rows=total)

    return report


@shared_task
def analyze_import(job_id: int) -> None:
    job = StakeholderImport.objects.get(pk=job_id)
    try:
        content = job.file.open("rb").read()
        analysis = analyze(content, job.original_name, progress=_progress(job_id))  # type: ignore[arg-type]
    except DomainError as error:
        StakeholderImport.objects.filter(pk=job_id).update(status=ImportStatus.FAILED, message=error.message)
        return
    StakeholderImport.objects.filter(pk=job_id).update(
        status=ImportStatus.PREVIEWED,
        report=analysis.report(),
        total_rows=analysis.total,
        processed_rows=analysis.total,
    )


@shared_task
def run_import(job_id: int, user_id: int | None) -> None:
    from django.contrib.auth import get_user_model

    job = StakeholderImport.objects.get(pk=job_id)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    content = job.file.open("rb").read()
    try:
        # The rows are checked again (the registry may have grown since the preview) before the transaction, so
        # each progress write commits on its own and the polling page's bar moves; the writes are bulk and short.
        analysis = analyze(content, job.original_name, progress=_progress(job_id))  # type: ignore[arg-type]
        with transaction.atomic():
            analysis = import_commit(content=content, filename=job.original_name, by=user, analysis=analysis)
    except DomainError as error:
        StakeholderImport.objects.filter(pk=job_id).update(status=ImportStatus.FAILED, message=error.message)
        return
    except IntegrityError:
        # A stakeholder of the sheet was registered by someone else between the check and the write.
        StakeholderImport.objects.filter(pk=job_id).update(
            status=ImportStatus.FAILED,
            message="در همین مدت ذی‌نفعی از این پرونده در سامانه ثبت شد؛ چیزی ثبت نشد. پرونده را دوباره بفرستید.",
        )
        return
    StakeholderImport.objects.filter(pk=job_id).update(
        status=ImportStatus.DONE, created_count=len(analysis.good), processed_rows=analysis.total
    )


@shared_task(name="hamafza.engagement.escalate_overdue_requests")
def escalate_overdue_requests() -> int:
    from hamafza.engagement.services.requests import requests_escalate_overdue

    return requests_escalate_overdue()
