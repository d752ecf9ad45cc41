"""Audit entries as sentences a person reads, with their data as Persian label/value pairs.

Core cannot import the apps, so each app registers a describer per event kind from its ``AppConfig.ready``:

    register_describer("evaluation.answer.self_saved", EventKind(
        label="ثبت پاسخ خوداظهاری",
        sentence=lambda e, ctx: f"{e.who} پاسخ «{…}» را در خوداظهاری {e.target} ثبت کرد: {…}",
        fields={"value": "پاسخ", "na": "موضوعیت ندارد"},
    ))

``prepare`` (optional) loads, once per page, what the sentences of that kind need (titles by code …), so a
page of 50 entries costs a fixed number of queries. An event with no describer still reads as a sentence:
no event code, model reference or raw JSON ever reaches the page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from hamafza.persian import format_number

logger = logging.getLogger(__name__)


@dataclass
class Entry:
    """What a sentence is made of: who, on what, and the raw data (never shown as such)."""

    who: str
    target: str
    data: dict[str, Any]
    action: str
    target_id: str = ""


@dataclass(frozen=True)
class EventKind:
    label: str
    sentence: Callable[[Entry, Any], str]
    fields: dict[str, str] = field(default_factory=dict)  # data key → Persian label; unlisted keys stay hidden
    values: Callable[[str, Any, Any], str | None] | None = None  # (key, value, prepared) → text, or None
    prepare: Callable[[list[Entry]], Any] | None = None
    details: Callable[[Entry, Any], list[tuple[str, str]]] | None = None  # instead of ``fields``, when richer


@dataclass(frozen=True)
class Described:
    label: str
    sentence: str
    details: list[tuple[str, str]]


_KINDS: dict[str, EventKind] = {}


def register_describer(action: str, kind: EventKind) -> None:
    _KINDS[action] = kind


def human_value(value: Any) -> str:
    """A stored value the Persian way: بله/خیر, Persian digits, lists joined, nothing left as Python text."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "بله" if value else "خیر"
    if isinstance(value, int | float):
        return format_number(int(value) if float(value).is_integer() else value)
    if isinstance(value, list | tuple):
        return "، ".join(human_value(item) for item in value) or "—"
    if isinstance(value, dict):
        return "؛ ".join(f"{key}: {human_value(item)}" for key, item in value.items())
    return str(value)


def _fallback(entry: Entry, _: Any) -> str:
    return f"{entry.who} رویدادی را در «{entry.target}» ثبت کرد." if entry.target else f"{entry.who} رویدادی ثبت کرد."


FALLBACK = EventKind(label="رویداد", sentence=_fallback)


def describe_all(entries: Iterable[Entry]) -> list[Described]:
    entries = list(entries)
    by_action: dict[str, list[Entry]] = {}
    for entry in entries:
        by_action.setdefault(entry.action, []).append(entry)
    prepared: dict[str, Any] = {}
    for action, group in by_action.items():
        kind = _KINDS.get(action)
        if kind is not None and kind.prepare is not None:
            try:
                prepared[action] = kind.prepare(group)
            except Exception:
                logger.exception("audit describer prepare failed for %s", action)
    return [_describe(entry, prepared.get(entry.action)) for entry in entries]


def _describe(entry: Entry, prepared: Any) -> Described:
    kind = _KINDS.get(entry.action, FALLBACK)
    try:
        sentence = kind.sentence(entry, prepared)
    except Exception:  # a describer's bug must not take the audit page down
        logger.exception("audit describer failed for %s", entry.action)
        kind, sentence = FALLBACK, _fallback(entry, None)
    if kind.details is not None:
        return Described(kind.label, sentence, kind.details(entry, prepared))
    details = []
    for key, label in kind.fields.items():
        if key not in entry.data:
            continue
        text = kind.values(key, entry.data[key], prepared) if kind.values else None
        details.append((label, text if text is not None else human_value(entry.data[key])))
    return Described(kind.label, sentence, details)


def event_labels() -> list[str]:
    """The Persian names of the registered event kinds, for a filter; several actions may share one."""
    return sorted({kind.label for kind in _KINDS.values()})


def actions_labelled(label: str) -> list[str]:
    return [action for action, kind in _KINDS.items() if kind.label == label]
