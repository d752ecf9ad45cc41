"""Scoring a whole round at once: a handful of set-based queries and numpy, never a loop over units in the ORM.

What counts for an item: the mean of the inspectors' values where inspectors answered, else the unit's own
answer. Items answered "not applicable" drop out and their weights are shared among the others (see
``hamafza.analytics``). The number of queries does not depend on the number of units.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from hamafza import analytics
from hamafza.core.db.binary import copy_in, fetch_records
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
                # The national evaluation forms: higher-is-better AP/S, lower-is-better S/AP, both capped at 1.
                a = analytics.leaf_achievements(v, float(item["standard"]), higher_is_better=not lower)
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
# is the same two statements (no per-row UPDATE, no batches sized by the driver's parameter limit). Only the units
# whose result changed are in it: re-scoring after one inspector's correction rewrites the few units whose total
# or rank moved, not all 3,100 rows of a national round (``scored_at``: when a unit's result last changed).
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
_INSERT_NODES_SQLITE = """
    INSERT INTO evaluation_nodescore (round_unit_id, axis_id, indicator_id, fraction)
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
           json_extract(value, '$[3]')
    FROM json_each(%s)
"""
# PostgreSQL: answers and the current node scores come out as one bytea of fixed records each, node scores go in
# through binary COPY (see hamafza.core.db.binary). Node scores are merged, not rewritten: numpy compares the new
# scores with the stored ones, and only changed rows are updated, missing ones added, stray ones deleted.
# Rewriting all of them (3,100 units × 60 nodes at national scale) was a delete and an insert of 186,000 rows
# through five indexes: most of the time of a re-score. A node is one number: an axis's id, an indicator's negated.
_ROUND_UNITS_PG = "ANY(ARRAY(SELECT id FROM evaluation_roundunit WHERE round_id = %s))"
# The round's answers, already packed a unit a row by the trigger of migration 0004 (``AnswerVector``): one
# record is unit id, item id × 4 + inspection? × 2 + not applicable?, value or NaN. Aggregating the 465,000
# answers of a national round into those records here took 195 ms; reading 3,100 packed rows takes ~70 (20 in
# the server, the rest the 11 MB reaching Python as hex: Django's client-side cursors cannot fetch binary).
_ANSWERS_PG = f"""
    SELECT string_agg(v.data, ''::bytea) FROM evaluation_answervector v WHERE v.round_unit_id = {_ROUND_UNITS_PG}
"""  # noqa: S608 — no value is formatted in: a constant fragment
_NODES_PG = f"""
    SELECT string_agg(
        int8send(n.id) || int8send(n.round_unit_id) || int8send(COALESCE(n.axis_id, -n.indicator_id, 0))
        || float8send(COALESCE(n.fraction, 'NaN'::float8)), ''::bytea)
    FROM evaluation_nodescore n WHERE n.round_unit_id = {_ROUND_UNITS_PG}
"""  # noqa: S608 — no value is formatted in: a constant fragment
_STAGE = "scoring_node_stage"
_STAGE_PG = (
    # Per session and dropped at commit; truncated first, as a round may be scored twice in one transaction.
    "CREATE TEMPORARY TABLE IF NOT EXISTS scoring_node_stage "
    "(id int8, round_unit_id int8, node int8, fraction float8) ON COMMIT DROP",
    "TRUNCATE scoring_node_stage",
)
_MERGE_PG = (
    """
    UPDATE evaluation_nodescore n SET fraction = NULLIF(s.fraction, 'NaN'::float8)
    FROM scoring_node_stage s WHERE s.id > 0 AND n.id = s.id
    """,
    """
    INSERT INTO evaluation_nodescore (round_unit_id, axis_id, indicator_id, fraction)
    SELECT s.round_unit_id, CASE WHEN s.node > 0 THEN s.node END, CASE WHEN s.node < 0 THEN -s.node END,
           NULLIF(s.fraction, 'NaN'::float8)
    FROM scoring_node_stage s WHERE s.id = 0
    """,
    "DELETE FROM evaluation_nodescore WHERE id = ANY(%s)",
)


def _answers(round_: Round) -> dict[str, np.ndarray]:
    """Every answer of the round, as columns: unit, item, inspection?, value (NaN = none), not applicable?."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            rows = fetch_records(
                cursor, _ANSWERS_PG, [round_.pk], (("unit", "int8"), ("code", "int8"), ("value", "float8"))
            )
        code = rows["code"].astype(np.int64)
        return {
            "unit": rows["unit"].astype(np.int64),
            "item": code >> 2,
            "inspection": (code & 2).astype(bool),
            "value": rows["value"].astype(float),
            "na": (code & 1).astype(bool),
        }
    answers = list(
        Answer.objects.filter(round_unit__round=round_).values_list(
            "round_unit_id", "item_id", "source", "value_number", "is_not_applicable"
        )
    )
    return {
        "unit": np.array([a[0] for a in answers], dtype=np.int64),
        "item": np.array([a[1] for a in answers], dtype=np.int64),
        "inspection": np.array([a[2] == AnswerSource.INSPECTION for a in answers], dtype=bool),
        "value": np.array([np.nan if a[3] is None else a[3] for a in answers], dtype=float),
        "na": np.array([a[4] for a in answers], dtype=bool),
    }


def _positions(sorted_ids: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Each id's index in ``sorted_ids``, or -1 where it is not there."""
    if not len(sorted_ids):
        return np.full(len(ids), -1)
    index = np.minimum(np.searchsorted(sorted_ids, ids), len(sorted_ids) - 1)
    return np.where(sorted_ids[index] == ids, index, -1)


def _values(unit_ids: np.ndarray, item_ids: np.ndarray, answers: dict[str, np.ndarray]) -> np.ndarray:
    """(units × items) value that counts: the inspectors' mean where they answered, else the unit's own answer;
    NaN where nothing usable was answered or the item was marked not applicable (and no inspector answered)."""
    shape = (len(unit_ids), len(item_ids))
    # Both id lists are sorted: an answer's row and column are found by bisection, all at once. Answers to
    # items that are not scored (text) have no column and drop out.
    row, column = _positions(unit_ids, answers["unit"]), _positions(item_ids, answers["item"])
    kept = (row >= 0) & (column >= 0)
    cell = row[kept] * shape[1] + column[kept]
    value, na, inspection = answers["value"][kept], answers["na"][kept], answers["inspection"][kept]
    usable = ~na & ~np.isnan(value)
    values = np.full(shape[0] * shape[1], np.nan)
    own = usable & ~inspection
    values[cell[own]] = value[own]
    observed = usable & inspection
    count = np.bincount(cell[observed], minlength=values.size)
    total = np.bincount(cell[observed], weights=value[observed], minlength=values.size)
    inspected = count > 0
    not_applicable = np.zeros(values.size, dtype=bool)
    not_applicable[cell[na]] = True
    values[not_applicable & ~inspected] = np.nan
    values[inspected] = total[inspected] / count[inspected]
    return values.reshape(shape)


def _merge_nodes_pg(cursor: Any, round_: Round, unit_ids: np.ndarray, keys: np.ndarray, scores: np.ndarray) -> None:
    """Make the round's stored node scores equal ``scores`` (units × ``keys``), writing only the differences."""
    stored = fetch_records(
        cursor, _NODES_PG, [round_.pk], (("id", "int8"), ("unit", "int8"), ("node", "int8"), ("fraction", "float8"))
    )
    order = np.argsort(keys)
    row = _positions(unit_ids, stored["unit"].astype(np.int64))
    column = _positions(keys[order], stored["node"].astype(np.int64))
    column = np.where(column >= 0, order[np.maximum(column, 0)], -1)
    cell = np.where((row >= 0) & (column >= 0), row * len(keys) + column, -1)
    # A cell stored twice (never written so, but cheap to mend) keeps its first row; the others go.
    claimed = np.full(scores.size, -1, dtype=np.int64)
    valid = np.flatnonzero(cell >= 0)
    cells, first = np.unique(cell[valid], return_index=True)
    claimed[cells] = valid[first]
    keep = np.zeros(len(stored), dtype=bool)
    keep[claimed[claimed >= 0]] = True
    new = scores.ravel()
    held = claimed >= 0
    old = np.full(scores.size, np.nan)
    old[held] = stored["fraction"][claimed[held]]
    changed = held & ~((old == new) | (np.isnan(old) & np.isnan(new)))
    missing = ~held
    stage_cells = np.flatnonzero(changed | missing)
    stage_ids = np.zeros(len(stage_cells), dtype=np.int64)  # 0: a row to insert
    stage_held = held[stage_cells]
    stage_ids[stage_held] = stored["id"][claimed[stage_cells][stage_held]]
    for statement in _STAGE_PG:
        cursor.execute(statement)
    copy_in(
        cursor,
        _STAGE,
        {
            "id": ("int8", stage_ids),
            "round_unit_id": ("int8", unit_ids[stage_cells // len(keys)]),
            "node": ("int8", keys[stage_cells % len(keys)]),
            "fraction": ("float8", new[stage_cells]),
        },
    )
    cursor.execute(f"ANALYZE {_STAGE}")  # a fresh temporary table has no statistics for the planner
    update, insert, delete = _MERGE_PG
    cursor.execute(update)
    cursor.execute(insert)
    cursor.execute(delete, [stored["id"][~keep].astype(np.int64).tolist()])


def _write(
    round_: Round,
    results: dict[str, list[object]],
    unit_ids: np.ndarray,
    node_keys: np.ndarray,
    node_scores: np.ndarray,
) -> None:
    """Store the units' results and the (units × nodes) scores; ``node_keys``: an axis's id or -indicator id."""
    vendor = connection.vendor
    with connection.cursor() as cursor:
        cursor.execute(_UPDATE_UNITS[vendor], [timezone.now(), json.dumps(results)])
        if vendor == "postgresql":
            _merge_nodes_pg(cursor, round_, unit_ids, node_keys, node_scores)
            return
        NodeScore.objects.filter(round_unit__round=round_).delete()
        axis = np.where(node_keys > 0, node_keys, 0)
        indicator = np.where(node_keys < 0, -node_keys, 0)
        nodes = [
            [ru_id, int(axis[column]) or None, int(indicator[column]) or None, _plain(score)]
            for ru_id, row in zip(unit_ids.tolist(), node_scores, strict=True)
            for column, score in enumerate(row.tolist())
        ]
        cursor.execute(_INSERT_NODES_SQLITE, [json.dumps(nodes)])


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
    units = list(
        RoundUnit.objects.filter(round=round_)
        .order_by("id")
        .values_list("id", "unit_id", "fraction", "total", "band", "rank", "change")
    )
    if not units or not items:
        return 0
    item_index = {item["id"]: column for column, item in enumerate(items)}
    unit_ids = np.array([unit[0] for unit in units], dtype=np.int64)
    item_ids = np.array([item["id"] for item in items], dtype=np.int64)
    values = _values(unit_ids, item_ids, _answers(round_))

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
    # Per unit: its axes, then its indicators, in id order.
    node_columns = [spec.index[f"a{axis['id']}"] for axis in axes] + [spec.index[f"i{ind['id']}"] for ind in indicators]
    node_keys = np.array([axis["id"] for axis in axes] + [-ind["id"] for ind in indicators], dtype=np.int64)

    fractions = [None if np.isnan(f) else float(f) for f in root]
    totals = [None if f is None else round(analytics.total_score(f, version.scale_total), 2) for f in fractions]
    ranks = analytics.rank_with_ties(totals)
    bands = _bands(round_)
    previous: dict[int, float | None] = {}
    if round_.previous_round_id:
        previous = dict(RoundUnit.objects.filter(round_id=round_.previous_round_id).values_list("unit_id", "total"))
    results = {}
    for row, (ru_id, unit_id, *stored) in enumerate(units):
        fraction, total = fractions[row], totals[row]
        before = previous.get(unit_id)
        result = [
            fraction,
            total,
            analytics.assign_band(fraction, bands).code if fraction is not None else "",
            ranks[row],
            round(total - before, 2) if total is not None and before is not None else None,
        ]
        if result != stored:
            results[str(ru_id)] = result
    _write(round_, results, unit_ids, node_keys, scores[:, node_columns])
    return len(units)
