"""A published round's results as public pages people can comment on and rate.

Evaluation owns the results; the comments, ratings and search belong to the module that hosts public pages
(voice), which evaluation may not import (same layer). The two meet in ``hamafza.core.public_pages``: here we
describe the pages (``PageSpec``) and announce them when a round is published; the host makes them.

One page for the round's ranking (the evaluation office's) and one per unit's result (the unit's own, so a
critique of a result goes to the unit that must answer it).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from hamafza.core.public_pages import PageSpec
from hamafza.evaluation.models import Round, RoundState, RoundUnit
from hamafza.persian import format_number

PAGE_KIND = "evaluation_result"


def _score(value: float | None) -> str:
    return "بی‌امتیاز" if value is None else format_number(value, 1)


def round_pages(round_: Round) -> list[PageSpec]:
    """The pages of one published round, read in one query for all its units."""
    if round_.state != RoundState.PUBLISHED:
        return []
    scale = round_.framework_version.scale_total
    units = list(RoundUnit.objects.filter(round=round_).select_related("unit").order_by("rank", "unit__sort_key", "id"))
    lines = [
        f"رتبه {format_number(ru.rank) if ru.rank else '—'}: {ru.unit.name} با امتیاز {_score(ru.total)} از {format_number(scale)}"
        for ru in units
    ]
    specs = [
        PageSpec(
            target=round_,
            organization=round_.office,
            kind=PAGE_KIND,
            title=f"نتایج ارزیابی عملکرد: {round_.title}",
            url=reverse("evaluation:round_results", args=[round_.pk]),
            text="\n".join([f"رتبه‌بندی {format_number(len(units))} واحد در {round_.title}", *lines]),
            published_at=round_.published_at,
        )
    ]
    for ru, line in zip(units, lines, strict=True):
        specs.append(
            PageSpec(
                target=ru,
                organization=ru.unit,
                kind=PAGE_KIND,
                title=f"نتیجه ارزیابی {ru.unit.name} در {round_.title}",
                url=reverse("evaluation:unit_results", args=[ru.pk]),
                text=line,
                published_at=round_.published_at,
            )
        )
    return specs


def published_pages() -> Iterator[PageSpec]:
    """Every page of every published round (the source a rebuild re-syncs from)."""
    rounds = Round.objects.filter(state=RoundState.PUBLISHED).select_related("office", "framework_version")
    for round_ in rounds.order_by("id").iterator():
        yield from round_pages(round_)
