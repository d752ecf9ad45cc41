"""Background work at scale: a real Celery worker takes a task from a real Redis broker on 127.0.0.1.

The worker runs in its own process on its own database (a temporary SQLite file, a copy of the migrated template of
tests/template_db.py rather than 30 s of ``migrate``) with ``REDIS_URL`` set, as a deployment runs it; the test sends the daily audit-anchor task by name and waits for the anchor file it writes.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from celery import Celery

from tests.template_db import sqlite_copy

ROOT = Path(__file__).resolve().parents[2]
REDIS = os.environ.get("HAMAFZA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def test_a_worker_runs_a_task_sent_through_redis(tmp_path: Path) -> None:
    # Redis is part of the deployment this test stands for: its absence is a failure, not a skip.
    assert _redis_answers(), "Redis must listen on 127.0.0.1:6379 for the background-work test"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        HAMAFZA_VAR_DIR=str(tmp_path / "var"),
        HAMAFZA_AUDIT_ANCHOR_DIR=str(tmp_path / "anchors"),
        REDIS_URL=REDIS,
        DJANGO_SETTINGS_MODULE="hamafza.settings",
    )
    bin_dir = Path(sys.executable).parent
    sqlite_copy("migrated", tmp_path / "var")
    queue = f"test-{os.getpid()}"
    worker = subprocess.Popen(
        [str(bin_dir / "celery"), "-A", "hamafza", "worker", "--pool", "solo", "-Q", queue, "--without-gossip",
         "--without-mingle", "--without-heartbeat", "-l", "warning"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        client = Celery(broker=REDIS, backend=REDIS)
        result = client.send_task("hamafza.core.audit_anchor_write", queue=queue)
        try:
            written = result.get(timeout=120)
        except Exception as error:  # the worker's own output says why
            worker.terminate()
            pytest.fail(f"the worker did not answer: {error}\n{worker.stderr.read().decode()[-2000:]}")
        anchor = Path(written)
        assert anchor.parent == tmp_path / "anchors"
        assert anchor.is_file() and anchor.read_text()
    finally:
        worker.terminate()
        worker.wait(timeout=30)
