"""«کارهای من»: what waits for a person now. Apps register providers; the role home lists what they return.

Core cannot import the apps above it, so each app registers its providers from its ``AppConfig.ready``:

    register_work(evaluation_work, order=20)

A provider takes a user and yields ``WorkItem``s — one per kind of waiting work, with how many, until when,
and one link that opens for this person. A provider that fails must not take the home page down with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkItem:
    label: str
    count: int
    url: str
    due_at: datetime | date | None = None
    is_overdue: bool = False
    icon: str = ""
    group: str = ""


WorkProvider = Callable[[Any], Iterable[WorkItem]]

_PROVIDERS: list[tuple[int, WorkProvider]] = []


def register_work(provider: WorkProvider, order: int = 100) -> None:
    """Add a provider once (registering the same function again from a re-run ``ready`` is a no-op)."""
    if all(existing is not provider for _, existing in _PROVIDERS):
        _PROVIDERS.append((order, provider))
        _PROVIDERS.sort(key=lambda pair: pair[0])


def work_for(user: Any) -> list[WorkItem]:
    """Every waiting thing of this person, in provider order; items with nothing to do are dropped."""
    if not getattr(user, "is_authenticated", False):
        return []
    items: list[WorkItem] = []
    for _, provider in _PROVIDERS:
        try:
            items.extend(item for item in provider(user) if item.count > 0)
        except Exception:  # one broken module must not hide everyone's work
            logger.exception("work provider %r failed", provider)
    return items


# --- Notes for roles whose module is still to come -----------------------------------------------------------


@dataclass(frozen=True)
class RoleNote:
    """An honest word on a role home: what this home will hold, and what the person can do today."""

    role: str
    text: str
    links: tuple[tuple[str, str], ...] = ()  # (label, url) of what opens for this person now


NoteProvider = Callable[[Any], Iterable[RoleNote]]

_NOTE_PROVIDERS: list[tuple[int, NoteProvider]] = []


def register_notes(provider: NoteProvider, order: int = 100) -> None:
    if all(existing is not provider for _, existing in _NOTE_PROVIDERS):
        _NOTE_PROVIDERS.append((order, provider))
        _NOTE_PROVIDERS.sort(key=lambda pair: pair[0])


def notes_for(user: Any) -> list[RoleNote]:
    if not getattr(user, "is_authenticated", False):
        return []
    notes: list[RoleNote] = []
    for _, provider in _NOTE_PROVIDERS:
        try:
            notes.extend(provider(user))
        except Exception:
            logger.exception("role note provider %r failed", provider)
    return notes
