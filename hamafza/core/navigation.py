"""The menu each person sees. Apps register entries; each entry says who it is for.

Core cannot import the apps above it, so apps add their items from their ``AppConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.urls import get_script_prefix, get_urlconf, reverse


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    icon: str
    is_visible: Callable[[Any], bool]
    order: int = 100


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    icon: str


_REGISTRY: list[NavEntry] = []


def register(entry: NavEntry) -> None:
    if all(existing.url_name != entry.url_name for existing in _REGISTRY):
        _REGISTRY.append(entry)
        _REGISTRY.sort(key=lambda item: item.order)


def navigation_for(user: Any) -> list[NavItem]:
    prefix, urlconf = get_script_prefix(), get_urlconf()
    return [NavItem(e.label, _url(e.url_name, prefix, urlconf), e.icon) for e in _REGISTRY if e.is_visible(user)]


@lru_cache(maxsize=256)
def _url(name: str, prefix: str, urlconf: Any) -> str:
    # Every signed-in page draws the menu: its fifteen-odd addresses never change under one prefix and URLconf, and
    # reversing each on every page was a third of the base template's time.
    return reverse(name, urlconf=urlconf)
