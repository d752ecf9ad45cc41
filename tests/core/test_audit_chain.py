from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from hamafza.core.audit import GENESIS_HASH, audit, entry_hash, verify_chain
from hamafza.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_key_dir(settings, tmp_path, monkeypatch):
    # Each test signs with a fresh key of its own, generated on first use as in the embedded mode.
    monkeypatch.delenv("HAMAFZA_AUDIT_KEY", raising=False)
    settings.HAMAFZA_AUDIT_KEY_DIR = tmp_path / "keys"
    settings.HAMAFZA_AUDIT_ANCHOR_DIR = tmp_path / "anchors"
    return tmp_path


def _write_three(actor: object) -> list[AuditEntry]:
    return [audit(actor=actor, action=f"test.thing.{n}", data={"n": n, "متن": "سلام"}) for n in range(3)]


def _rewrite_from(seq: int, key: bytes, **changes: object) -> None:
    """What an attacker with database access does: change one entry, then re-hash it and every later one with
    the code's own hash function. Without the real key, the key has to be guessed."""
    prev = AuditEntry.objects.filter(seq__lt=seq).order_by("-seq").values_list("hash", flat=True).first()
    prev = prev or GENESIS_HASH
    for entry in AuditEntry.objects.filter(seq__gte=seq).order_by("seq"):
        for name, value in (changes if entry.seq == seq else {}).items():
            setattr(entry, name, value)
        new_hash = entry_hash(
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
            key_id=entry.key_id,
            key=key,
        )
        AuditEntry.objects.filter(pk=entry.pk).update(
            action=entry.action, key_id=entry.key_id, prev_hash=prev, hash=new_hash
        )
        prev = new_hash


def test_each_entry_chains_the_hash_of_the_one_before(make_user):
    first, second, third = _write_three(make_user("auditor"))
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert verify_chain() == []


def test_each_entry_records_the_id_of_the_key_that_signed_it_and_the_key_stays_outside_the_database(
    make_user, own_key_dir
):
    entries = _write_three(make_user("auditor"))
    key_id = (own_key_dir / "keys" / "current").read_text()
    assert {entry.key_id for entry in entries} == {key_id}
    secret = (own_key_dir / "keys" / f"{key_id}.key").read_text()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM core_auditentry")
        assert secret not in repr(cursor.fetchall())


def test_audit_verify_command_passes_on_an_intact_trail(make_user, capsys):
    _write_three(make_user("auditor"))
    call_command("audit_verify")
    assert "intact" in capsys.readouterr().out


def test_editing_a_row_in_the_database_makes_audit_verify_fail_naming_the_entry(make_user):
    entries = _write_three(make_user("auditor"))
    tampered = entries[1]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET action = %s WHERE seq = %s", ["test.forged", tampered.seq])
    with pytest.raises(CommandError) as error:
        call_command("audit_verify")
    assert "broken" in str(error.value)
    assert [p.seq for p in verify_chain()] == [tampered.seq]


def test_changing_an_entry_and_recomputing_every_later_hash_without_the_key_is_detected(make_user):
    auditor = make_user("auditor")
    entries = [audit(actor=auditor, action=f"test.thing.{n}") for n in range(6)]
    _rewrite_from(entries[2].seq, b"the attacker's best guess at the key", action="test.forged")
    problems = verify_chain()
    # The link of every re-hashed entry still matches; only the keyed hashes give the rewrite away.
    assert [p.seq for p in problems] == [e.seq for e in entries[2:]]
    assert all("changed" in p.reason for p in problems)
    with pytest.raises(CommandError):
        call_command("audit_verify")


def test_relabelling_entries_to_an_unknown_key_is_detected(make_user):
    entries = _write_three(make_user("auditor"))
    _rewrite_from(entries[1].seq, b"attacker", key_id="forged-key")
    AuditEntry.objects.filter(seq__gte=entries[1].seq).update(key_id="forged-key")
    reasons = {p.seq: p.reason for p in verify_chain()}
    assert set(reasons) == {entries[1].seq, entries[2].seq}
    assert "unknown key" in reasons[entries[1].seq]


def test_deleting_a_row_in_the_database_is_detected(make_user):
    entries = _write_three(make_user("auditor"))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE seq = %s", [entries[1].seq])
    problems = verify_chain()
    assert {p.seq for p in problems} == {entries[1].seq, entries[2].seq}


def test_changing_the_data_json_is_detected(make_user):
    entries = _write_three(make_user("auditor"))
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET data = %s WHERE seq = %s", ['{"n": 99}', entries[0].seq])
    assert [p.seq for p in verify_chain()] == [entries[0].seq]


def test_audit_entries_cannot_be_changed_or_deleted_through_the_orm(make_user):
    entry = _write_three(make_user("auditor"))[0]
    entry.action = "test.changed"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


def test_entries_signed_before_a_key_rotation_still_verify_and_record_their_own_key(make_user, capsys):
    before = _write_three(make_user("auditor"))
    call_command("audit_rotate_key")
    after = audit(actor=None, action="test.after_rotation")
    assert after.key_id != before[0].key_id
    assert AuditEntry.objects.get(action="core.audit_key.rotated").key_id == after.key_id
    assert verify_chain() == []


def test_a_key_from_the_environment_signs_new_entries(make_user, monkeypatch):
    monkeypatch.setenv("HAMAFZA_AUDIT_KEY", "ops-2026:" + "k" * 40)
    entry = audit(actor=None, action="test.env_key")
    assert entry.key_id == "ops-2026"
    assert verify_chain() == []


def test_deleting_the_newest_entries_is_detected_against_the_last_anchor(make_user, tmp_path, capsys):
    entries = _write_three(make_user("auditor"))
    call_command("audit_anchor", "--dir", str(tmp_path / "anchors"))
    anchor_file = capsys.readouterr().out.strip()
    anchor = json.loads(open(anchor_file).read())
    assert anchor["seq"] == entries[-1].seq and anchor["hash"] == entries[-1].hash
    call_command("audit_verify", "--anchor", anchor_file)
    assert "intact" in capsys.readouterr().out

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE seq >= %s", [entries[1].seq])
    assert verify_chain() == []  # a shorter chain is still a valid chain ...
    with pytest.raises(CommandError):  # ... but not against the anchor filed away before
        call_command("audit_verify", "--anchor", anchor_file)
    assert f"#{entries[-1].seq}" in capsys.readouterr().err


def test_audit_anchor_prints_a_signed_head_and_a_forged_anchor_is_refused(make_user, tmp_path, capsys):
    _write_three(make_user("auditor"))
    call_command("audit_anchor")
    anchor = json.loads(capsys.readouterr().out)
    assert set(anchor) >= {"seq", "hash", "created_at", "key_id", "signature"}
    # Moving the anchor back to an older entry (to hide a truncation) breaks its signature.
    anchor["seq"] -= 1
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(anchor))
    with pytest.raises(CommandError, match="signature"):
        call_command("audit_verify", "--anchor", str(forged))


def test_the_daily_task_writes_an_anchor_to_the_anchor_directory(make_user, own_key_dir):
    from hamafza.core.tasks import audit_anchor_write

    _write_three(make_user("auditor"))
    path = audit_anchor_write.delay().get()
    assert str(own_key_dir / "anchors") in path
    assert json.loads(open(path).read())["seq"] == AuditEntry.objects.order_by("-seq").first().seq
