"""Each app declares who may open its views and API operations here, in ``<app>.py``:

    ENTRIES = [page("notes:list", "/notes/", SIGNED_IN), ...]
    def build(world): ...   # optional: objects of the app, ids into world.ids["in"] / world.ids["out"]

The matrix test loads every module of this package; a view or operation without an entry fails it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

from tests.authz.matrix import Entry


def load() -> tuple[dict[str, Entry], list[Callable[[Any], None]]]:
    entries: dict[str, Entry] = {}
    builders: list[Callable[[Any], None]] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for entry in module.ENTRIES:
            if entry.key in entries:
                raise AssertionError(f"{entry.key} is declared twice (again in declarations/{info.name}.py)")
            entries[entry.key] = entry
        if hasattr(module, "build"):
            builders.append(module.build)
    return entries, builders
