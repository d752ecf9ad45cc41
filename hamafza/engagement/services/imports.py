"""The import screen's writes: an uploaded sheet becomes a job; confirming it runs the import once."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied
from hamafza.core.uploads import MB, XLSX, UploadRejected, check_xlsx_limits, detect_kind, generated_name, original_name
from hamafza.core.xlsx import NOT_A_SHEET
from hamafza.engagement import permissions
from hamafza.engagement.models import ImportStatus, StakeholderImport

MAX_SHEET_BYTES = 20 * MB
# A sheet is refused before any parser opens it when it declares more rows or columns than an import can hold,
# or unpacks to more than this (an XLSX "zip bomb": a few hundred KB that unpack to gigabytes).
MAX_SHEET_ROWS = 50_000
MAX_SHEET_COLUMNS = 40
MAX_SHEET_UNPACKED = 80 * MB


def _checked_storage_name(upload: UploadedFile) -> str:
    """The name the sheet is stored under: generated, never the uploader's. A CSV is plain text read as UTF-8;
    an XLSX must be one by its structure (its OOXML content types) and within the limits above."""
    if (upload.name or "").lower().endswith(".csv"):
        return f"{uuid.uuid4().hex}.csv"
    stream = getattr(upload, "file", upload)
    kind = detect_kind(stream, upload.name or "", (XLSX,))
    upload.seek(0)
    if kind is None:
        raise DomainError(NOT_A_SHEET)
    check_xlsx_limits(
        stream,
        max_rows=MAX_SHEET_ROWS + 1,
        max_cols=MAX_SHEET_COLUMNS,
        max_uncompressed=MAX_SHEET_UNPACKED,
    )
    upload.seek(0)
    return generated_name(kind)


def import_start(*, upload: UploadedFile, by: Any) -> StakeholderImport:
    if not permissions.can_create_stakeholder(by):
        raise PermissionDenied("شما اجازه ثبت ذی‌نفع را ندارید.")
    if not upload.size or upload.size > MAX_SHEET_BYTES:
        raise DomainError("حجم پرونده باید بیش از صفر و حداکثر ۲۰ مگابایت باشد.")
    try:
        stored_name = _checked_storage_name(upload)
    except UploadRejected as error:
        raise DomainError(str(error)) from error
    with transaction.atomic():
        job = StakeholderImport(original_name=original_name(upload.name or "sheet.xlsx"), created_by=by)
        job.file.save(stored_name, upload, save=False)
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
