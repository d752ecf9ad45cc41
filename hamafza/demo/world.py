"""The demo world is built by a sequence of builders, each one module's part of the seeds' stories.

A later module adds its builder to ``BUILDERS`` after the ones it stands on (evaluation after foundation, …).
Every builder must be idempotent: it looks its objects up by stable codes and usernames before creating them,
so running ``hamafza demo`` again changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import transaction

from hamafza.demo import development, engagement, evaluation, foundation, programs, roundtables, voice


class Output(Protocol):
    """Where builders report progress: a management command's ``self.stdout``, or any text stream."""

    def write(self, msg: str, /) -> Any: ...


@dataclass(frozen=True)
class Builder:
    name: str
    build: Callable[[Output], None]


BUILDERS: tuple[Builder, ...] = (
    Builder("places", foundation.ensure_places),
    Builder("foundation", foundation.build),
    Builder("evaluation", evaluation.build),
    Builder("programs", programs.build),
    Builder("engagement", engagement.build),
    Builder("voice", voice.build),
    Builder("development", development.build),
    Builder("roundtables", roundtables.build),
)


def build_world(stdout: Output) -> None:
    """Run every builder in order; each one is all-or-nothing, so a failure leaves no half-built part."""
    for builder in BUILDERS:
        with transaction.atomic():
            builder.build(stdout)
