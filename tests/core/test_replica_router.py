"""The read-replica router: public, read-only views read from the replica when one is configured; nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hamafza.core.db import replica
from hamafza.core.db.replica import ReplicaRouter, reads_from_replica
from hamafza.evaluation.models import Round

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def with_replica(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(replica, "replica_configured", lambda: True)


def test_a_public_view_reads_from_the_replica_and_writes_to_the_primary(with_replica: None) -> None:
    router = ReplicaRouter()

    @reads_from_replica
    def public_view() -> tuple[str | None, str | None]:
        return router.db_for_read(Round), router.db_for_write(Round)

    assert public_view() == ("replica", "default")
    # Outside such a view (a form, an API write, a person's own pages) reads stay on the primary.
    assert router.db_for_read(Round) is None
    assert router.allow_migrate("replica", "evaluation") is False
    assert router.allow_migrate("default", "evaluation") is True


def test_without_a_replica_every_read_stays_on_the_primary() -> None:
    @reads_from_replica
    def public_view() -> str | None:
        return ReplicaRouter().db_for_read(Round)

    assert public_view() is None


def test_production_settings_add_the_replica_and_the_router_only_when_asked() -> None:
    code = "from django.conf import settings; print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS)"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hamafza.settings_production",
        "SECRET_KEY": "z" * 60,
        "HAMAFZA_AUDIT_KEY": "prod-check:" + "a" * 40,
        "DATABASE_URL": "postgres://hamafza@db.internal:5432/hamafza",
    }
    plain = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert plain.stdout.strip() == "['default'] []", plain.stderr
    env["DATABASE_REPLICA_URL"] = "postgres://hamafza@replica.internal:5432/hamafza"
    both = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert both.stdout.strip() == "['default', 'replica'] ['hamafza.core.db.replica.ReplicaRouter']", both.stderr
