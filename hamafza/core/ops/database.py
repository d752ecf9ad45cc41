"""Copy the whole database out and back in, with the engine's own tools.

SQLite: the online backup API (a consistent copy while the site keeps serving). PostgreSQL: ``pg_dump`` in the
custom format and ``pg_restore --single-transaction``, so a failed restore leaves the database as it was.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connection

from hamafza.core.errors import DomainError


def engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else connection.vendor


def dump_file_name() -> str:
    return "database.sqlite3" if engine() == "sqlite" else "database.pgdump"


def _postgres_env() -> dict[str, str]:
    settings_dict: dict[str, Any] = connection.settings_dict
    env = {**os.environ, "PGDATABASE": str(settings_dict["NAME"])}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def _run(args: list[str]) -> None:
    try:
        # Fixed argument lists of the PostgreSQL client tools; the only variables are our own paths and names.
        result = subprocess.run(args, env=_postgres_env(), capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as error:
        raise DomainError(f"ابزار {args[0]} روی این دستگاه نصب نیست (بستهٔ postgresql-client).") from error
    if result.returncode != 0:
        raise DomainError(f"{args[0]} نتوانست کار را تمام کند: {result.stderr.strip()[-500:]}")


def _outside_transactions() -> None:
    # A dump must see committed data only, and SQLite's backup API would wait for ever on the connection's own
    # write lock: the commands run outside any transaction, and so must every caller.
    if connection.in_atomic_block:
        raise DomainError("پشتیبان‌گیری و بازگرداندن در میان یک تراکنش پایگاه داده ممکن نیست.")


def dump_database(target: Path) -> None:
    _outside_transactions()
    if engine() == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    elif engine() == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])
    else:
        raise DomainError(f"پشتیبان‌گیری از پایگاه دادهٔ {connection.vendor} پشتیبانی نمی‌شود.")


def load_database(source: Path) -> None:
    """Replace the whole current database with the dump at ``source``."""
    _outside_transactions()
    if engine() == "sqlite":
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
    else:
        # pg_restore needs the tables to itself: Django's connection must hold no lock on them.
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ]
        )
        # A restored database has no planner statistics and no visibility map: it would plan blind, and count
        # without index-only scans, until autovacuum came round (never, where it is off; docs/deploy.md).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")


def data_found() -> str:
    """What makes this database "not empty", in Persian, or "" when it holds nobody's data.

    Migrations seed reference tables (holidays, …) and ``load-places`` fills the divisions; those come back with
    the backup anyway. What a restore must not silently replace is people's work: accounts, and the audit trail
    that every write leaves.
    """
    from django.contrib.auth import get_user_model

    from hamafza.core.models import AuditEntry

    tables = set(connection.introspection.table_names())
    user_model = get_user_model()
    if user_model._meta.db_table in tables and user_model.objects.exists():
        return "حساب‌های کاربری"
    if AuditEntry._meta.db_table in tables and AuditEntry.objects.exists():
        return "رویدادهای ثبت‌شده در ردپای ممیزی"
    return ""


def applied_migrations() -> dict[str, str]:
    """The last applied migration of every app, to tell whether the code can read a backup."""
    if "django_migrations" not in connection.introspection.table_names():
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        latest: dict[str, str] = {}
        for app, name in cursor.fetchall():
            latest[app] = max(latest.get(app, ""), name)
    return latest
