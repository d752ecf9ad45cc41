"""Reads: the capacity ranking (TOPSIS with AHP weights), the development ranking (Morris, TOPSIS, classes),
pledge totals, experience search. Set-based: one query per table, numpy over the whole matrix."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Q, QuerySet, Sum

from hamafza.analytics.decision import classify_by_deviation, classify_by_thresholds, morris_index, topsis
from hamafza.development.models import (
    Capacity,
    CriteriaWeights,
    Experience,
    Indicator,
    IndicatorValue,
    KeyWork,
    Pledge,
    PledgeStatus,
)
from hamafza.organizations.models import Organization
from hamafza.persian import query_plan

# Class 0 is the most deprived; key works in those counties come first.
CLASS_LABELS = ("محروم", "کمتر توسعه‌یافته", "نسبتاً توسعه‌یافته", "توسعه‌یافته")
CLASS_BADGES = ("text-bg-danger", "text-bg-warning", "text-bg-info", "text-bg-success")


@dataclass(frozen=True)
class RankedCapacity:
    capacity: Capacity
    closeness: float
    rank: int


def capacity_ranking(owner: Organization) -> tuple[list[RankedCapacity], CriteriaWeights | None]:
    """Capacities by TOPSIS closeness over importance, sustainability, long-term use (weights from AHP)."""
    weights_row = CriteriaWeights.objects.filter(owner=owner).first()
    capacities = list(Capacity.objects.filter(owner=owner).select_related("county"))
    if not capacities:
        return [], weights_row
    X = np.array([[c.importance, c.sustainability, c.long_term] for c in capacities], dtype=float)
    weights = weights_row.weights if weights_row and weights_row.weights else None
    closeness = topsis(X, weights, [True, True, True])
    order = np.argsort(-closeness, kind="stable")
    return [
        RankedCapacity(capacities[i], float(closeness[i]), rank) for rank, i in enumerate(order, start=1)
    ], weights_row


@dataclass(frozen=True)
class RankedArea:
    county_id: int
    name: str
    morris: float
    closeness: float
    rank: int  # 1 = the most deprived
    klass: int

    @property
    def class_label(self) -> str:
        return CLASS_LABELS[self.klass]

    @property
    def class_badge(self) -> str:
        return CLASS_BADGES[self.klass]


@dataclass
class Ranking:
    indicators: list[Indicator]
    areas: list[RankedArea]
    incomplete: list[str]  # counties lacking a value of some indicator
    matrix: dict[int, list[float]]  # county id → values in indicator order


def development_ranking(owner: Organization, *, k: float = 1.0, thresholds: list[float] | None = None) -> Ranking:
    """Deprived first: counties by the Morris index (lowest first), with TOPSIS closeness and a class each.

    Two queries whatever the number of counties: the indicators, and every value with its county's name.
    """
    indicators = list(Indicator.objects.filter(owner=owner))
    if not indicators:
        return Ranking([], [], [], {})
    column = {indicator.pk: j for j, indicator in enumerate(indicators)}
    rows = IndicatorValue.objects.filter(indicator__owner=owner).values_list(
        "county_id", "county__name", "county__sort_key", "indicator_id", "value"
    )
    names: dict[int, tuple[str, str]] = {}
    values: dict[int, list[float]] = defaultdict(lambda: [np.nan] * len(indicators))
    for county_id, name, sort_key, indicator_id, value in rows:
        names[county_id] = (name, sort_key)
        values[county_id][column[indicator_id]] = value
    complete = sorted((c for c, v in values.items() if not np.isnan(v).any()), key=lambda c: names[c][1])
    incomplete = sorted((names[c][0] for c, v in values.items() if np.isnan(v).any()))
    if not complete:
        return Ranking(indicators, [], incomplete, dict(values))
    X = np.array([values[c] for c in complete], dtype=float)
    benefit = [i.is_benefit for i in indicators]
    morris = morris_index(X, benefit)
    closeness = topsis(X, None, benefit)
    classes = classify_by_thresholds(morris, thresholds) if thresholds else classify_by_deviation(morris, k)
    classes = np.clip(classes, 0, len(CLASS_LABELS) - 1)
    order = np.lexsort((closeness, morris))  # lowest Morris first; TOPSIS breaks ties
    areas = [
        RankedArea(
            county_id=complete[i],
            name=names[complete[i]][0],
            morris=float(morris[i]),
            closeness=float(closeness[i]),
            rank=rank,
            klass=int(classes[i]),
        )
        for rank, i in enumerate(order, start=1)
    ]
    return Ranking(indicators, areas, incomplete, dict(values))


def county_classes(owner_ids: list[int]) -> dict[int, RankedArea]:
    """The development class of each county ranked by any of these organizations (for key works' badges)."""
    result: dict[int, RankedArea] = {}
    for owner in Organization.objects.filter(pk__in=owner_ids, indicators__isnull=False).distinct():
        for area in development_ranking(owner).areas:
            result.setdefault(area.county_id, area)
    return result


def ranking_owner_for(key_works: list[KeyWork]) -> list[int]:
    """Which organizations' rankings cover these key works: their owners and the owners' ancestors."""
    ids: set[int] = set()
    for key_work in key_works:
        path = key_work.program.owner.path
        ids.update(int(part) for part in path.strip("/").split("/") if part)
    return sorted(ids)


def key_work_rows(key_works: list[KeyWork]) -> list[tuple[KeyWork, RankedArea | None]]:
    classes = county_classes(ranking_owner_for(key_works))
    rows = [(kw, classes.get(kw.county_id) if kw.county_id else None) for kw in key_works]
    # Deprived areas first (seed 001: «پیشرفت مناطق محروم … باید اولویت اساسی فرمانداران باشد»).
    return sorted(rows, key=lambda row: (row[1].klass if row[1] else 9, -row[0].jalali_year))


@dataclass(frozen=True)
class PledgeTotals:
    money: dict[str, int]
    counts: dict[str, int]


def pledge_totals(program_ids: list[int]) -> dict[int, PledgeTotals]:
    """Money and counts per status for each program, in one grouped query."""
    totals: dict[int, PledgeTotals] = {pid: PledgeTotals({}, {}) for pid in program_ids}
    rows = (
        Pledge.objects.filter(program_id__in=program_ids)
        .exclude(status=PledgeStatus.CANCELLED)
        .values("program_id", "status")
        .annotate(money=Sum("amount", filter=Q(kind="money")), count=Count("id"))
    )
    for row in rows:
        entry = totals[row["program_id"]]
        entry.money[row["status"]] = int(row["money"] or 0)
        entry.counts[row["status"]] = row["count"]
    return totals


def search_experiences(experiences: QuerySet[Experience], q: str) -> QuerySet[Experience]:
    """The analyzer's query plan over the stored index terms: every word (any of its readings) must be there."""
    plan = query_plan(q)
    if not plan.alternatives:
        return experiences
    condition = Q(pk__in=[])
    for alternative in plan.alternatives:
        every = Q()
        for slot in alternative:
            any_reading = Q(pk__in=[])
            for term in slot:
                needle = f" {term[:-1]}" if term.endswith("*") else f" {term} "
                any_reading |= Q(terms__contains=needle)
            every &= any_reading
        condition |= every
    return experiences.filter(condition)


def with_adoptions(experiences: QuerySet[Experience]) -> QuerySet[Experience]:
    return experiences.annotate(adopted_count=Count("adoptions", distinct=True)).order_by("sort_key", "id")
