"""Links from one module's page to what other modules hold about the same object.

A program's page (``hamafza.programs``, a lower layer) shows the pledges made to it and the successful experiences
linked to it, which ``hamafza.development`` keeps; the programs module may not import development. So the module
that knows about the object registers a provider here, and the page asks core for the links. Each provider
returns only what the viewer may open, in as few queries as it can (one is the rule).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RelatedLink:
    label: str
    url: str
    note: str = ""  # a short fact shown beside the link, e.g. «۳ تعهد تأییدشده»
    icon: str = "link-45deg"


Provider = Callable[[Any, Any], Iterable[RelatedLink]]

_PROVIDERS: dict[str, list[Provider]] = {}


def register_related(model_label: str, provider: Provider) -> None:
    """``model_label`` as Django spells it, e.g. ``"programs.program"``."""
    providers = _PROVIDERS.setdefault(model_label, [])
    if provider not in providers:
        providers.append(provider)


def related_links(obj: Any, user: Any) -> list[RelatedLink]:
    links: list[RelatedLink] = []
    for provider in _PROVIDERS.get(obj._meta.label_lower, []):
        try:
            links.extend(provider(obj, user))
        except Exception:  # one module's failure must not take another's page down
            logger.exception("related links of %s failed in %r", obj._meta.label_lower, provider)
    return links
