"""Trigram indexes for substring search on PostgreSQL, as migration operations.

Our searches match a normalized key anywhere in a name (``name_key LIKE '%…%'``, Django's ``__contains``). A B-tree
index cannot serve that; a GIN index with ``gin_trgm_ops`` (the ``pg_trgm`` extension, trusted since PostgreSQL 13,
so a database owner may create it) can. SQLite scans instead: its tables are the embedded mode's, a few thousand
rows. The operations do nothing on any database but PostgreSQL.
"""

from __future__ import annotations

from django.db import migrations


def trigram_index(table: str, column: str) -> migrations.RunPython:
    name = f"{table}_{column}_trgm"

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)")

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(forwards, backwards, elidable=False)
