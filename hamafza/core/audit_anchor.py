"""The signed head of the audit chain, kept outside the database, so cutting off the newest entries shows.

``hamafza audit-anchor`` prints one (an operator files it away); the daily ``audit_anchor_write`` task writes one
to ``HAMAFZA_AUDIT_ANCHOR_DIR``. ``hamafza audit-verify --anchor FILE`` checks that the anchored entry is still
there with the same hash: an entry deleted at or before the anchor, or a chain cut back past it, is reported.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from hamafza.core.audit import ChainProblem
from hamafza.core.audit_keys import current_key, key_for
from hamafza.core.models import AuditEntry

_SIGNED_FIELDS = ("seq", "hash", "created_at", "key_id", "anchored_at", "anchor_key_id")


class AnchorInvalid(ValueError):
    """The anchor file is unreadable or its signature does not match: it proves nothing."""


def _signature(anchor: dict[str, Any], key: bytes) -> str:
    text = json.dumps([anchor.get(name) for name in _SIGNED_FIELDS], ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def anchor_create() -> dict[str, Any]:
    """The head of the chain now, signed with the current audit key."""
    head = AuditEntry.objects.order_by("-seq").only("seq", "hash", "created_at", "key_id").first()
    anchor_key_id, key = current_key()
    anchor: dict[str, Any] = {
        "seq": head.seq if head else 0,
        "hash": head.hash if head else "",
        "created_at": head.created_at.isoformat() if head else "",
        "key_id": head.key_id if head else "",
        "anchored_at": timezone.now().replace(microsecond=0).isoformat(),
        "anchor_key_id": anchor_key_id,
    }
    anchor["signature"] = _signature(anchor, key)
    return anchor


def anchor_write(directory: Path | None = None) -> Path:
    """Write the current head to a new file in the anchor directory and return its path."""
    directory = Path(directory or settings.HAMAFZA_AUDIT_ANCHOR_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    anchor = anchor_create()
    path = directory / f"audit-anchor-{timezone.now():%Y%m%dT%H%M%S}-{anchor['seq']}.json"
    path.write_text(json.dumps(anchor, ensure_ascii=False, indent=2) + "\n")
    return path


def anchor_load(path: Path) -> dict[str, Any]:
    """Read an anchor file and check its signature; a forged or damaged anchor raises ``AnchorInvalid``."""
    try:
        anchor = json.loads(Path(path).read_text())
        signature = anchor["signature"]
        key = key_for(str(anchor["anchor_key_id"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise AnchorInvalid(f"cannot read anchor {path}: {error}") from error
    if key is None:
        raise AnchorInvalid(f"anchor {path} is signed with an unknown key {anchor['anchor_key_id']!r}")
    if not hmac.compare_digest(_signature(anchor, key), str(signature)):
        raise AnchorInvalid(f"anchor {path} has a signature that does not match")
    return anchor


def verify_anchor(anchor: dict[str, Any]) -> list[ChainProblem]:
    """Does the chain still contain the anchored head, unchanged?"""
    seq = int(anchor["seq"])
    if seq == 0:
        return []
    entry = AuditEntry.objects.filter(seq=seq).only("hash").first()
    if entry is None:
        newest = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        return [ChainProblem(seq, f"anchored entry is gone: the chain ends at #{newest}, entries were deleted")]
    if entry.hash != anchor["hash"]:
        return [ChainProblem(seq, "anchored entry has a different hash than when it was anchored")]
    return []
