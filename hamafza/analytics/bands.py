"""Bands: a score's place on a named scale (excellent … weak), with configurable thresholds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    min_fraction: float


DEFAULT_BANDS: tuple[Band, ...] = (
    Band("excellent", "عالی", 0.9),
    Band("very_good", "خیلی خوب", 0.75),
    Band("good", "خوب", 0.6),
    Band("needs_improvement", "نیازمند بهبود", 0.4),
    Band("weak", "ضعیف", 0.0),
)


def validate_bands(bands: Sequence[Band]) -> None:
    if not bands:
        raise ValueError("at least one band is needed")
    thresholds = [band.min_fraction for band in bands]
    if any(a <= b for a, b in pairwise(thresholds)):
        raise ValueError("band thresholds must strictly decrease")
    if thresholds[-1] != 0:
        raise ValueError("the last band must start at 0 so every score has a band")


def assign_band(fraction: float, bands: Sequence[Band] = DEFAULT_BANDS) -> Band:
    validate_bands(bands)
    for band in bands:
        if fraction >= band.min_fraction - 1e-12:
            return band
    return bands[-1]


Key = TypeVar("Key")


def rank_with_ties(scores: Sequence[float | None], method: str = "min") -> list[int | None]:
    """Higher score, better rank. ``min``: competition ranking (1, 2, 2, 4); ``dense``: 1, 2, 2, 3."""
    if method not in {"min", "dense"}:
        raise ValueError("method is 'min' or 'dense'")
    present = sorted({s for s in scores if s is not None}, reverse=True)
    if method == "dense":
        place = {score: i + 1 for i, score in enumerate(present)}
    else:
        ordered = sorted((s for s in scores if s is not None), reverse=True)
        place = {}
        for i, score in enumerate(ordered):
            place.setdefault(score, i + 1)
    return [None if s is None else place[s] for s in scores]


def change_vs_previous(
    current: Mapping[Key, float | None], previous: Mapping[Key, float | None]
) -> dict[Key, float | None]:
    result: dict[Key, float | None] = {}
    for key, value in current.items():
        before = previous.get(key)
        result[key] = None if value is None or before is None else value - before
    return result


def rate(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else numerator / denominator
