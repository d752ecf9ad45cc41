"""The public portal at ``/``: each module registers a section a visitor can see and use.

Core cannot import the apps above it, so apps register from their ``AppConfig.ready``:

    register_section(PortalSection("نتایج ارزیابی", "evaluation/portal_results.html", results_context, order=10))

``context(request)`` returns the template's context; a section whose context is empty (or ``None``) is not shown,
so a module with nothing published yet leaves no empty box on the portal. The template is included with that
dict as ``section`` (``{{ section.news }}``), so sections never clash over variable names.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PortalSection:
    title: str
    template: str
    context: Callable[[HttpRequest], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


_SECTIONS: list[PortalSection] = []


def register_section(section: PortalSection) -> None:
    if all(existing.template != section.template for existing in _SECTIONS):
        _SECTIONS.append(section)
        _SECTIONS.sort(key=lambda item: item.order)


def sections_for(request: HttpRequest) -> list[RenderedSection]:
    """The sections that have something to show to this visitor, in order, with their context computed."""
    rendered: list[RenderedSection] = []
    for section in _SECTIONS:
        try:
            context = section.context(request)
        except Exception:  # a broken section must not take the portal down
            logger.exception("portal section %r failed", section.title)
            continue
        if context:
            rendered.append(RenderedSection(section.title, section.template, context))
    return rendered
