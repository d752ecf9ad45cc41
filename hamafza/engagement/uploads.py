"""Upload checks for stakeholder documents: the platform's shared rules (``hamafza.core.uploads``) plus the
SHA-256 we keep of every document."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile

from hamafza.core.uploads import check_upload as check_shared
from hamafza.core.uploads import generated_name, original_name


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int
    sha256: str
    original_name: str
    stored_name: str


def check_upload(upload: UploadedFile) -> CheckedUpload:
    kind = check_shared(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(
        kind.content_type, upload.size or 0, digest.hexdigest(), original_name(upload.name), generated_name(kind)
    )
