"""A throw-away installation (its own var directory and database) driven through the ``hamafza`` command."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.template_db import installation_database, postgres_drop

ROOT = Path(__file__).resolve().parents[2]
HAMAFZA = str(Path(sys.executable).parent / "hamafza")


@dataclass
class Installation:
    var_dir: Path
    database_url: str | None

    @property
    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "DATABASE_URL"}}
        env.update({"HAMAFZA_VAR_DIR": str(self.var_dir), "DJANGO_SETTINGS_MODULE": "hamafza.settings"})
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([HAMAFZA, *args], cwd=ROOT, env=self.env, capture_output=True, text=True, check=False)

    def rows(self) -> dict[str, list[str]]:
        """Every row of every table, as sorted text, so two databases compare table by table."""
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url) as conn:
                names = [
                    r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
                ]
                return {name: sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{name}"')) for name in names}
        conn = sqlite3.connect(self.var_dir / "hamafza.sqlite3")
        try:
            # sqlite_sequence is SQLite's own counter: the restore's audit entry moves it on, as PostgreSQL's
            # sequences (not tables) move on unseen.
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
            names = [r[0] for r in conn.execute(sql)]
            return {name: sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{name}"')) for name in names}
        finally:
            conn.close()

    def media(self) -> dict[str, str]:
        root = self.var_dir / "media"
        return {
            path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }


@contextmanager
def installation(var_dir: Path, label: str) -> Iterator[Installation]:
    """A freshly migrated, empty installation: a copy of the ``migrated`` template (tests/template_db.py).

    On PostgreSQL (DATABASE_URL set) a database of its own per xdist worker; otherwise SQLite in ``var_dir``.
    """
    database_url = installation_database("migrated", var_dir, f"ops_{label}")
    try:
        yield Installation(var_dir=var_dir, database_url=database_url)
    finally:
        if database_url:
            postgres_drop(database_url)


def checked(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def strip_restore_entry(rows: dict[str, list[str]], audit_table: str = "core_auditentry") -> tuple[Any, int]:
    """The restored trail is the backed-up one plus the entry that records the restore itself."""
    entries = rows.get(audit_table, [])
    kept = [row for row in entries if "ops.backup_restored" not in row]
    return {**rows, audit_table: kept}, len(entries) - len(kept)
