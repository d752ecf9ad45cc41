"""Reads of public pages and reports from a PostgreSQL read replica, when one is configured.

``DATABASE_REPLICA_URL`` adds a ``replica`` database (settings_production). Views that only read published data —
the portal, rankings, a unit's result, the exports — are wrapped in ``@reads_from_replica``; while such a view
runs, ``ReplicaRouter`` sends its reads to the replica. Everything else, and every write, goes to the primary, so
a person never reads their own change from a replica that has not caught up yet.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings

REPLICA = "replica"
_reading_public = contextvars.ContextVar("hamafza_reading_public", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def reads_from_replica(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        token = _reading_public.set(True)
        try:
            return view(*args, **kwargs)
        finally:
            _reading_public.reset(token)

    return wrapped


class ReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if _reading_public.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica is a copy of the primary: objects from either may be related

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db != REPLICA  # a streaming replica takes its schema from the primary
