"""The import screen's writes: an uploaded sheet becomes a job; confirming it runs the import once."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied
from hamafza.engagement import permissions
from hamafza.engagement.models import ImportStatus, StakeholderImport

MAX_SHEET_BYTES = 20 * 1024 * 1024


def import_start(*, upload: UploadedFile, by: Any) -> StakeholderImport:
    if not permissions.can_create_stakeholder(by):
        raise PermissionDenied("شما اجازه ثبت ذی‌نفع را ندارید.")
    if not upload.size or upload.size > MAX_SHEET_BYTES:
        raise DomainError("حجم پرونده باید بیش از صفر و حداکثر ۲۰ مگابایت باشد.")
    with transaction.atomic():
        job = StakeholderImport(original_name=(upload.name or "sheet")[-200:], created_by=by)
        job.file.save(upload.name or "sheet.xlsx", upload, save=False)
        job.save()
        audit(actor=by, action="engagement.import.uploaded", target=job, data={"name": job.original_name})
    from hamafza.engagement.tasks import analyze_import

    # Outside the transaction above: the row is committed when a worker (if there is one) looks for it.
    analyze_import.delay(job.pk)
    job.refresh_from_db()
    return job


def import_confirm(*, job: StakeholderImport, by: Any) -> StakeholderImport:
    """Start the import once; a second click (or a resend) finds the job no longer waiting and does nothing."""
    with transaction.atomic():
        locked = StakeholderImport.objects.select_for_update().get(pk=job.pk)
        if locked.status != ImportStatus.PREVIEWED:
            return locked
        locked.status = ImportStatus.IMPORTING
        locked.processed_rows = 0
        locked.save(update_fields=["status", "processed_rows"])
        audit(actor=by, action="engagement.import.confirmed", target=locked)
    from hamafza.engagement.tasks import run_import

    run_import.delay(locked.pk, getattr(by, "pk", None))
    locked.refresh_from_db()
    return locked
