"""Kinds of notification, each with the Persian label people see and choose channels by.

Apps register their kinds from ``AppConfig.ready`` (this module imports no app). A kind may also say whether
its link still opens for a viewer (``can_open``): the notifications page shows the link only then, so a
notification never leads a person to a page that would answer 404 (a role revoked since it was sent, say).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    # can_open(user, notification) -> bool; it must not query per notification: it reads the user's cached grants
    # and ``notification.target``, which the list fetches in one query per kind of target with ``target_queryset``.
    can_open: Callable[[Any, Any], bool] | None = None
    # A callable returning the queryset targets are fetched with (e.g. with ``select_related`` of what can_open reads).
    target_queryset: Callable[[], Any] | None = None


_KINDS: dict[str, Kind] = {}


def register_kind(
    kind: str,
    label: str,
    *,
    can_open: Callable[[Any, Any], bool] | None = None,
    target_queryset: Callable[[], Any] | None = None,
) -> None:
    """Register ``kind`` (an identifier such as ``"engagement.request.answered"``) with its Persian ``label``."""
    _KINDS[kind] = Kind(kind, label, can_open, target_queryset)


def get_kind(kind: str) -> Kind | None:
    return _KINDS.get(kind)


def label_of(kind: str) -> str:
    found = _KINDS.get(kind)
    return found.label if found else "اعلان"


def all_kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda k: k.code)
