"""The audit trail: written by services, verified by ``hamafza audit-verify``.

Each entry carries an HMAC-SHA256 of its content and of the previous entry's hash, keyed with a secret kept
outside the database (``audit_keys``) and the id of that key. Someone who can write the database but does not
hold the key can neither change an entry and re-sign everything after it, nor relabel entries to another key.
Deleting the newest entries leaves a shorter valid chain; the signed head written by ``hamafza audit-anchor``
(``audit_anchor``) and kept outside the data directory catches that.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from hamafza.core.audit_keys import current_key, key_for
from hamafza.core.models import AuditEntry

GENESIS_HASH = "0" * 64
# Any constant works: it only has to be the same for every writer of the chain.
_POSTGRES_LOCK_KEY = 7_411_930


def _canonical(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def entry_hash(
    *,
    seq: int,
    created_at: Any,
    actor_id: int | None,
    actor_label: str,
    action: str,
    target_type: str,
    target_id: str,
    target_label: str,
    data: Any,
    prev_hash: str,
    key_id: str,
    key: bytes,
) -> str:
    """The keyed hash of one entry; without ``key`` nobody can produce the value the chain expects."""
    payload = json.dumps(
        [
            seq,
            created_at.isoformat(),
            actor_id,
            actor_label,
            action,
            target_type,
            target_id,
            target_label,
            data,
            prev_hash,
            key_id,
        ],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()


def _hash_of(entry: AuditEntry, key: bytes) -> str:
    return entry_hash(
        seq=entry.seq,
        created_at=entry.created_at,
        actor_id=entry.actor_id,
        actor_label=entry.actor_label,
        action=entry.action,
        target_type=entry.target_type,
        target_id=entry.target_id,
        target_label=entry.target_label,
        data=_canonical(entry.data),
        prev_hash=entry.prev_hash,
        key_id=entry.key_id,
        key=key,
    )


def audit(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain. Call it from services, inside their transaction."""
    key_id, key = current_key()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Serialises writers so two transactions never chain onto the same previous entry.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_POSTGRES_LOCK_KEY])
        last = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
        seq = (last.seq + 1) if last else 1
        prev_hash = last.hash if last else GENESIS_HASH
        actor_id = getattr(actor, "pk", None) if actor is not None else None
        entry = AuditEntry(
            seq=seq,
            # Microseconds dropped: every database stores whole seconds the same way, so the hash survives.
            created_at=timezone.now().replace(microsecond=0),
            actor_id=actor_id,
            actor_label=(actor.get_username() if actor_id else "سامانه")[:200],
            action=action,
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            target_label=str(target)[:300] if target is not None else "",
            data=_canonical(data or {}),
            prev_hash=prev_hash,
            key_id=key_id,
        )
        entry.hash = _hash_of(entry, key)
        entry.save()
        return entry


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    reason: str


def verify_chain(batch_size: int = 2000) -> list[ChainProblem]:
    """Walk the whole chain in order; report each entry whose content or link does not match."""
    problems: list[ChainProblem] = []
    expected_prev = GENESIS_HASH
    expected_seq = 1
    keys: dict[str, bytes | None] = {}
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=batch_size):
        if entry.key_id not in keys:
            keys[entry.key_id] = key_for(entry.key_id)
        key = keys[entry.key_id]
        if entry.seq != expected_seq:
            problems.append(ChainProblem(expected_seq, f"entries {expected_seq}..{entry.seq - 1} are missing"))
        if entry.prev_hash != expected_prev:
            problems.append(ChainProblem(entry.seq, "link to the previous entry is broken"))
        if key is None:
            problems.append(ChainProblem(entry.seq, f"signed with an unknown key {entry.key_id!r}"))
        elif not hmac.compare_digest(_hash_of(entry, key), entry.hash):
            problems.append(ChainProblem(entry.seq, "content was changed after it was written"))
        expected_prev = entry.hash
        expected_seq = entry.seq + 1
    return problems
