from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from hamafza.core.audit import audit, verify_chain
from hamafza.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _write_three(actor: object) -> list[AuditEntry]:
    return [audit(actor=actor, action=f"test.thing.{n}", data={"n": n, "متن": "سلام"}) for n in range(3)]


def test_each_entry_chains_the_hash_of_the_one_before(make_user):
    first, second, third = _write_three(make_user("auditor"))
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert verify_chain() == []


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
