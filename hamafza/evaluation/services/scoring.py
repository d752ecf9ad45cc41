"""Scoring a whole round at once: a handful of set-based queries and numpy, never a loop over units in the ORM.

What counts for an item: the mean of the inspectors' values where inspectors answered, else the unit's own
answer. Items answered "not applicable" drop out and their weights are shared among the others (see
``hamafza.analytics``). The number of queries does not depend on the number of units.
"""

from __future__ import annotations

import json
from collections import defaultdict

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from hamafza import analytics
from hamafza.evaluation.models import (
    SCORED_TYPES,
    Answer,
    AnswerSource,
    Axis,
    Direction,
    Indicator,
    ItemType,
    NodeScore,
    Round,
    RoundUnit,
)


def _bands(round_: Round) -> list[analytics.Band]:
    raw = round_.framework_version.bands
    if not raw:
        return list(analytics.DEFAULT_BANDS)
    return [analytics.Band(code=b["code"], label=b["label"], min_fraction=float(b["min_fraction"])) for b in raw]


def _achievements(values: np.ndarray, items: list[dict]) -> np.ndarray:
    """Leaf achievement in [0, 1] for every (unit, item); NaN where there is no usable value."""
    result = np.full(values.shape, np.nan)
    for column, item in enumerate(items):
        v = values[:, column]
        lower = item["direction"] == Direction.LOWER_IS_BETTER
        kind = item["item_type"]
        with np.errstate(divide="ignore", invalid="ignore"):
            if kind == ItemType.YES_NO:
                a = v.copy()
            elif kind == ItemType.SCALE:
                low, high = item["scale_min"] or 0.0, item["scale_max"] or 1.0
                a = (v - low) / (high - low)
            elif item["standard"]:
                standard = float(item["standard"])
                # The national evaluation forms: higher-is-better AP/S, lower-is-better S/AP, both capped at 1.
                a = standard / v if lower else v / standard
                if lower:
                    a = np.where(v == 0, 1.0, a)
                lower = False
            elif kind == ItemType.PERCENTAGE:
                a = v / 100.0
            else:
                a = np.full(v.shape, np.nan)
            if lower:
                a = 1.0 - a
        result[:, column] = np.clip(a, 0.0, 1.0)
    result[np.isnan(values)] = np.nan
    return result


def _plain(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


# Results go to the database as one JSON document per statement, so writing a round of 22 or of 2,000 units
# is the same two statements (no per-row UPDATE, no batches sized by the driver's parameter limit).
_UPDATE_UNITS = {
    "sqlite": """
        UPDATE evaluation_roundunit AS ru SET
            fraction = json_extract(d.value, '$[0]'), total = json_extract(d.value, '$[1]'),
            band = json_extract(d.value, '$[2]'), rank = json_extract(d.value, '$[3]'),
            change = json_extract(d.value, '$[4]'), scored_at = %s
        FROM json_each(%s) AS d WHERE ru.id = CAST(d.key AS INTEGER)
    """,
    "postgresql": """
        UPDATE evaluation_roundunit AS ru SET
            fraction = (d.value->>0)::float, total = (d.value->>1)::float, band = d.value->>2,
            rank = (d.value->>3)::integer, change = (d.value->>4)::float, scored_at = %s
        FROM jsonb_each(%s::jsonb) AS d WHERE ru.id = d.key::bigint
    """,
}
_INSERT_NODES = {
    "sqlite": """
        INSERT INTO evaluation_nodescore (round_unit_id, axis_id, indicator_id, fraction)
        SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
               json_extract(value, '$[3]')
        FROM json_each(%s)
    """,
    "postgresql": """
        INSERT INTO evaluation_nodescore (round_unit_id, axis_id, indicator_id, fraction)
        SELECT (value->>0)::bigint, (value->>1)::bigint, (value->>2)::bigint, (value->>3)::float
        FROM jsonb_array_elements(%s::jsonb) AS value
    """,
}


def _write(round_: Round, results: dict[str, list[object]], nodes: list[list[object]]) -> None:
    vendor = connection.vendor
    with connection.cursor() as cursor:
        cursor.execute(_UPDATE_UNITS[vendor], [timezone.now(), json.dumps(results)])
        NodeScore.objects.filter(round_unit__round=round_).delete()
        cursor.execute(_INSERT_NODES[vendor], [json.dumps(nodes)])


@transaction.atomic
def round_rescore(*, round_: Round) -> int:
    """Recompute every unit's scores, band, rank and change for ``round_``; returns the number of units."""
    version = round_.framework_version
    items = list(
        version.items.filter(item_type__in=SCORED_TYPES)
        .order_by("id")
        .values("id", "indicator_id", "item_type", "weight", "direction", "standard", "scale_min", "scale_max")
    )
    indicators = list(Indicator.objects.filter(axis__version=version).order_by("id").values("id", "axis_id", "weight"))
    axes = list(Axis.objects.filter(version=version).order_by("id").values("id", "weight"))
    units = list(RoundUnit.objects.filter(round=round_).order_by("id").values_list("id", "unit_id"))
    if not units or not items:
        return 0
    unit_index = {ru_id: row for row, (ru_id, _) in enumerate(units)}
    item_index = {item["id"]: column for column, item in enumerate(items)}

    self_values = np.full((len(units), len(items)), np.nan)
    inspected: dict[tuple[int, int], list[float]] = defaultdict(list)
    not_applicable: set[tuple[int, int]] = set()
    for ru_id, item_id, source, value, is_na in Answer.objects.filter(
        round_unit__round=round_, item_id__in=item_index
    ).values_list("round_unit_id", "item_id", "source", "value_number", "is_not_applicable"):
        cell = (unit_index[ru_id], item_index[item_id])
        if is_na:
            not_applicable.add(cell)
        elif value is None:
            continue
        elif source == AnswerSource.INSPECTION:
            inspected[cell].append(value)
        else:
            self_values[cell] = value
    values = self_values
    for cell, observed in inspected.items():
        values[cell] = float(np.mean(observed))
    for cell in not_applicable:
        if cell not in inspected:
            values[cell] = np.nan

    leaf = _achievements(values, items)
    # The framework as one tree: root → axes → indicators → scored items. Indicators or axes with nothing to
    # score are left out, so every leaf of the tree is an item column of ``leaf``.
    scored_indicators = {item["indicator_id"] for item in items}
    indicators = [ind for ind in indicators if ind["id"] in scored_indicators]
    scored_axes = {ind["axis_id"] for ind in indicators}
    axes = [axis for axis in axes if axis["id"] in scored_axes]
    spec = analytics.TreeSpec(
        [("root", None, 1.0)]
        + [(f"a{axis['id']}", "root", axis["weight"]) for axis in axes]
        + [(f"i{ind['id']}", f"a{ind['axis_id']}", ind["weight"]) for ind in indicators]
        + [(f"q{item['id']}", f"i{item['indicator_id']}", item["weight"]) for item in items]
    )
    leaf_columns = [item_index[int(node_id[1:])] for node_id in spec.leaf_ids]
    scores = spec.score(leaf[:, leaf_columns])
    root = scores[:, spec.index["root"]]
    axis_scores = scores[:, [spec.index[f"a{axis['id']}"] for axis in axes]]
    indicator_scores = scores[:, [spec.index[f"i{ind['id']}"] for ind in indicators]]

    fractions = [None if np.isnan(f) else float(f) for f in root]
    totals = [None if f is None else round(analytics.total_score(f, version.scale_total), 2) for f in fractions]
    ranks = analytics.rank_with_ties(totals)
    bands = _bands(round_)
    previous: dict[int, float | None] = {}
    if round_.previous_round_id:
        previous = dict(RoundUnit.objects.filter(round_id=round_.previous_round_id).values_list("unit_id", "total"))
    results = {}
    for row, (ru_id, unit_id) in enumerate(units):
        fraction, total = fractions[row], totals[row]
        before = previous.get(unit_id)
        results[str(ru_id)] = [
            fraction,
            total,
            analytics.assign_band(fraction, bands).code if fraction is not None else "",
            ranks[row],
            round(total - before, 2) if total is not None and before is not None else None,
        ]
    nodes = []
    for row, (ru_id, _) in enumerate(units):
        for column, axis in enumerate(axes):
            nodes.append([ru_id, axis["id"], None, _plain(axis_scores[row, column])])
        for column, indicator in enumerate(indicators):
            nodes.append([ru_id, None, indicator["id"], _plain(indicator_scores[row, column])])
    _write(round_, results, nodes)
    return len(units)
