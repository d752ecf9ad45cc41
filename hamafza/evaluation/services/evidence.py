"""Evidence files: type checked from the file's structure, size limited, SHA-256 kept, stored under a generated
name (the original name is kept as data and given back on download)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from hamafza.core.audit import audit
from hamafza.core.errors import PermissionDenied
from hamafza.core.uploads import DOCUMENT_KINDS, MB, UploadRejected, check_upload, generated_name, original_name
from hamafza.evaluation import permissions
from hamafza.evaluation.errors import InvalidEvidence
from hamafza.evaluation.models import Answer, Evidence, RoundState, RoundUnit
from hamafza.evaluation.services.guards import ensure_state, lock_round

MAX_EVIDENCE_BYTES = 10 * MB
# What offices actually send: scans and photos, PDFs, Office files. Their structure decides, not the name.
EVIDENCE_KINDS = DOCUMENT_KINDS
ALLOWED_EXTENSIONS = tuple(ext for kind in EVIDENCE_KINDS for ext in kind.extensions)


def sniff(upload: UploadedFile) -> str:
    """The real content type of an evidence or attachment file; ``InvalidEvidence`` (Persian) when refused."""
    try:
        return check_upload(upload, allowed=EVIDENCE_KINDS, max_bytes=MAX_EVIDENCE_BYTES).content_type
    except UploadRejected as error:
        raise InvalidEvidence(error.message) from error


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
    try:
        kind = check_upload(upload, allowed=EVIDENCE_KINDS, max_bytes=MAX_EVIDENCE_BYTES)
    except UploadRejected as error:
        raise InvalidEvidence(error.message) from error
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    evidence = Evidence(
        round_unit=round_unit,
        answer=answer,
        original_name=original_name(upload.name),
        content_type=kind.content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
    # The stored name is generated; the person's name is data (a 300-character name is no longer a path).
    evidence.file.save(generated_name(kind), upload, save=False)
    evidence.save()
    audit(
        actor=by,
        action="evaluation.evidence.added",
        target=round_unit,
        data={"sha256": evidence.sha256, "name": evidence.original_name, "size": evidence.size},
    )
    return evidence
