"""The audit key outside the database: the migration that re-signs the old chain, and production's refusal."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps as django_apps

from hamafza.core.audit import GENESIS_HASH, audit, verify_chain
from hamafza.core.models import AuditEntry

ROOT = Path(__file__).resolve().parents[2]
migration = importlib.import_module("hamafza.core.migrations.0002_audit_keyed_chain")


@pytest.fixture(autouse=True)
def own_key_dir(settings, tmp_path, monkeypatch):
    monkeypatch.delenv("HAMAFZA_AUDIT_KEY", raising=False)
    settings.HAMAFZA_AUDIT_KEY_DIR = tmp_path / "keys"


def _make_legacy_chain(count: int) -> None:
    """Turn the trail back into the old unkeyed SHA-256 chain, as a database from before the migration has it."""
    prev = GENESIS_HASH
    for entry in AuditEntry.objects.order_by("seq"):
        entry.prev_hash, entry.key_id = prev, ""
        entry.hash = migration._legacy_hash(entry)
        AuditEntry.objects.filter(pk=entry.pk).update(prev_hash=prev, key_id="", hash=entry.hash)
        prev = entry.hash


@pytest.mark.django_db
def test_the_migration_re_signs_an_intact_legacy_chain_with_the_current_key():
    for n in range(4):
        audit(actor=None, action=f"test.legacy.{n}")
    _make_legacy_chain(4)
    assert verify_chain() != []  # legacy entries carry no key id
    migration.rekey(django_apps, None)
    assert verify_chain() == []
    assert AuditEntry.objects.exclude(key_id="").count() == 4


@pytest.mark.django_db
def test_the_migration_refuses_to_launder_a_legacy_chain_that_is_already_broken():
    for n in range(3):
        audit(actor=None, action=f"test.legacy.{n}")
    _make_legacy_chain(3)
    AuditEntry.objects.filter(seq=2).update(action="test.forged")
    with pytest.raises(RuntimeError, match="already broken"):
        migration.rekey(django_apps, None)


def test_production_refuses_to_start_without_an_audit_key(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hamafza.settings_production",
        "SECRET_KEY": "z" * 60,
        "ALLOWED_HOSTS": "hamafza.example",
        "HAMAFZA_AUDIT_KEY_DIR": str(tmp_path / "empty"),
    }
    environment.pop("HAMAFZA_AUDIT_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "hamafza.cli", "check"], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "HAMAFZA_AUDIT_KEY" in result.stderr
