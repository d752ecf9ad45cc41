"""Evidence files: type and size checked from the bytes themselves, SHA-256 kept."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from hamafza.core.audit import audit
from hamafza.core.errors import PermissionDenied
from hamafza.evaluation import permissions
from hamafza.evaluation.errors import InvalidEvidence
from hamafza.evaluation.models import Answer, Evidence, RoundState, RoundUnit
from hamafza.evaluation.services.guards import ensure_state, lock_round

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

# What offices actually send: scans and photos, PDFs, Office files. The first bytes decide, not the name.
_SIGNATURES: list[tuple[bytes, str, tuple[str, ...]]] = [
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
    (b"PK\x03\x04", "application/zip", (".docx", ".xlsx", ".pptx")),
]
ALLOWED_EXTENSIONS = tuple(ext for _, _, exts in _SIGNATURES for ext in exts)


def sniff(upload: UploadedFile) -> str:
    name = (upload.name or "").lower()
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type, extensions in _SIGNATURES:
        if head.startswith(magic) and name.endswith(extensions):
            return content_type
    raise InvalidEvidence(
        "نوع این پرونده پذیرفته نیست. پرونده‌های PDF، تصویر (JPG و PNG) و Word/Excel/PowerPoint پذیرفته می‌شوند."
    )


@transaction.atomic
def evidence_add(*, round_unit: RoundUnit, upload: UploadedFile, by: Any, answer: Answer | None = None) -> Evidence:
    inspecting = permissions.is_assigned(by, round_unit)
    if by is not None and not (permissions.can_self_assess(by, round_unit) or inspecting):
        raise PermissionDenied("شما اجازه افزودن مستند برای این واحد را ندارید.")
    round_unit.round = lock_round(round_unit.round_id)
    ensure_state(
        round_unit.round,
        RoundState.SELF_ASSESSMENT,
        RoundState.FIELD_INSPECTION,
        RoundState.REVIEW,
        message="در این مرحله از دوره نمی‌توان مستند افزود.",
    )
    if upload.size is None or upload.size > MAX_EVIDENCE_BYTES:
        raise InvalidEvidence("حجم هر پرونده مستند حداکثر ۱۰ مگابایت است.")
    if upload.size == 0:
        raise InvalidEvidence("پرونده خالی است.")
    content_type = sniff(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    evidence = Evidence(
        round_unit=round_unit,
        answer=answer,
        original_name=(upload.name or "file")[-200:],
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
    evidence.file.save(upload.name or "file", upload, save=False)
    evidence.save()
    audit(
        actor=by,
        action="evaluation.evidence.added",
        target=round_unit,
        data={"sha256": evidence.sha256, "name": evidence.original_name, "size": evidence.size},
    )
    return evidence
