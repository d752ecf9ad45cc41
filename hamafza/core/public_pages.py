"""Public pages of modules that may not know each other: the hook between an owner and the comments module.

Evaluation and voice stand on the same layer and import neither the other (import-linter forbids it). Both may
import core, so core holds the meeting point, with no Django signals and nothing implicit:

* the module that *owns* something public (evaluation: a published round's ranking and each unit's result)
  describes it as a ``PageSpec`` and calls ``announce(specs)`` from its own audited service; at start-up it
  also registers a ``source`` (``register_source``) that lists every page it has, so a rebuild can re-sync;
* the module that *hosts* public pages (voice: one comments model, ratings, search) registers a ``sink``
  (``register_sink``) that creates or refreshes its ``PublicPage`` for each spec, and a ``locator``
  (``register_locator``) that tells the owner's templates where the comments of an object are.

If no host is installed, ``announce`` does nothing and ``comments_url`` is ``None``: the owner works alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class PageSpec:
    target: models.Model  # the object the page is about (a Round, a RoundUnit…)
    organization: Any  # the Organization the page belongs to (its moderators and responders)
    kind: str  # the host's page kind, e.g. "evaluation_result"
    title: str
    url: str  # the owner's own page for the object
    text: str = ""
    is_public: bool = True
    published_at: dt.datetime | None = None


Sink = Callable[[list[PageSpec]], None]
Source = Callable[[], Iterable[PageSpec]]
Locator = Callable[[models.Model], "str | None"]

_SINKS: list[Sink] = []
_SOURCES: dict[str, Source] = {}
_LOCATORS: list[Locator] = []


def register_sink(sink: Sink) -> None:
    if sink not in _SINKS:
        _SINKS.append(sink)


def register_source(key: str, source: Source) -> None:
    _SOURCES[key] = source


def register_locator(locator: Locator) -> None:
    if locator not in _LOCATORS:
        _LOCATORS.append(locator)


def announce(specs: Iterable[PageSpec]) -> int:
    """Hand pages to every host; called by the owner inside its own transaction. Returns how many."""
    batch = list(specs)
    if batch:
        for sink in _SINKS:
            sink(batch)
    return len(batch)


def sync_all() -> int:
    """Announce every page of every registered source again (after a restore, or for data from before a
    source existed). Hosts refresh what they have and add what is missing; nothing is duplicated."""
    return sum(announce(source()) for source in _SOURCES.values())


def comments_url(target: models.Model) -> str | None:
    """Where people read and write comments about ``target``, if a host has a public page for it."""
    for locator in _LOCATORS:
        url = locator(target)
        if url:
            return url
    return None


__all__ = [
    "PageSpec",
    "announce",
    "comments_url",
    "register_locator",
    "register_sink",
    "register_source",
    "sync_all",
]
