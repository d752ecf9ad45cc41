"""The demo world on top of the session's places (``places_loaded`` in tests/conftest.py loads them once).

Each test builds the world inside its own transaction, which rolls back: the demo's usernames ("manager",
"citizen" …) never leak into other tests that create people of the same names.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command


@pytest.fixture
def run_demo(places_loaded: Any, db: Any, monkeypatch: Any, request: Any) -> Callable[[], str]:
    """Run ``hamafza demo`` and return what it printed.

    The foundation's tests run only the places and foundation builders (the modules' builders add scored rounds,
    programs, comments and meetings written by demo people); tests marked ``full_demo`` run every builder.
    """
    from hamafza.demo import world

    if request.node.get_closest_marker("full_demo") is None:
        monkeypatch.setattr(world, "BUILDERS", tuple(b for b in world.BUILDERS if b.name in ("places", "foundation")))

    def run() -> str:
        out = io.StringIO()
        call_command("demo", stdout=out)
        return out.getvalue()

    return run


@pytest.fixture
def demo_world(run_demo: Callable[[], str]) -> str:
    return run_demo()
