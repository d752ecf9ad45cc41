"""Audit entries get the id of the key that signed them; existing entries are re-signed with the current key.

The old chain was a plain SHA-256 chain, which anyone with database access could recompute. It is verified
first: a legacy chain that is already broken is refused rather than laundered into a valid keyed one (the
operator investigates, then re-runs the migration). An intact one is re-signed entry by entry with the current
audit key (from ``HAMAFZA_AUDIT_KEY`` or the key directory), so from here on there is one keyed chain.
"""

import hashlib
import json
from typing import Any

from django.db import migrations, models

GENESIS_HASH = "0" * 64


def _payload(entry: Any) -> list[Any]:
    return [
        entry.seq,
        entry.created_at.isoformat(),
        entry.actor_id,
        entry.actor_label,
        entry.action,
        entry.target_type,
        entry.target_id,
        entry.target_label,
        entry.data,
        entry.prev_hash,
    ]


def _legacy_hash(entry: Any) -> str:
    text = json.dumps(_payload(entry), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def rekey(apps: Any, schema_editor: Any) -> None:
    from hamafza.core.audit import entry_hash
    from hamafza.core.audit_keys import current_key

    AuditEntry = apps.get_model("core", "AuditEntry")
    entries = list(AuditEntry.objects.order_by("seq"))
    if not entries:
        return
    broken = []
    expected_prev = GENESIS_HASH
    for entry in entries:
        if entry.prev_hash != expected_prev or _legacy_hash(entry) != entry.hash:
            broken.append(entry.seq)
        expected_prev = entry.hash
    if broken:
        raise RuntimeError(f"the legacy audit chain is already broken at entries {broken[:20]}; not re-signing it")
    key_id, key = current_key()
    prev = GENESIS_HASH
    for entry in entries:
        entry.prev_hash = prev
        entry.key_id = key_id
        entry.hash = entry_hash(
            seq=entry.seq,
            created_at=entry.created_at,
            actor_id=entry.actor_id,
            actor_label=entry.actor_label,
            action=entry.action,
            target_type=entry.target_type,
            target_id=entry.target_id,
            target_label=entry.target_label,
            data=entry.data,
            prev_hash=prev,
            key_id=key_id,
            key=key,
        )
        prev = entry.hash
    AuditEntry.objects.bulk_update(entries, ["prev_hash", "key_id", "hash"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="key_id",
            field=models.CharField(blank=True, default="", max_length=40, verbose_name="شناسه کلید"),
        ),
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
