"""Reads for published results: ranking, per-axis scores, trends over the chain of rounds, agreement."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from hamafza import analytics
from hamafza.evaluation.models import Answer, AnswerSource, Axis, NodeScore, Round, RoundUnit


def bands_of(round_: Round) -> dict[str, str]:
    raw = round_.framework_version.bands
    if raw:
        return {b["code"]: b["label"] for b in raw}
    return {band.code: band.label for band in analytics.DEFAULT_BANDS}


@dataclass
class RankingRow:
    round_unit: RoundUnit
    band_label: str
    axes: list[float | None] = field(default_factory=list)


def ranking(round_: Round, units: Any) -> tuple[list[Axis], list[RankingRow]]:
    """Rows in rank order with per-axis fractions; three queries whatever the number of units."""
    return ranking_rows(round_, list(units.select_related("unit").order_by("rank", "unit__sort_key", "id")))


def ranking_order(units: Any) -> Any:
    """The ranking's order, for a page of it: rank, then the Persian order of names."""
    return units.select_related("unit").order_by("rank", "unit__sort_key", "id")


def ranking_rows(round_: Round, round_units: list[RoundUnit]) -> tuple[list[Axis], list[RankingRow]]:
    """Per-axis fractions for these round units (already in order): two queries however many there are."""
    axes = list(Axis.objects.filter(version_id=round_.framework_version_id).order_by("order", "id"))
    scores: dict[tuple[int, int], float | None] = {
        (ru_id, axis_id): fraction
        for ru_id, axis_id, fraction in NodeScore.objects.filter(
            round_unit__in=[ru.pk for ru in round_units], axis__isnull=False
        ).values_list("round_unit_id", "axis_id", "fraction")
    }
    labels = bands_of(round_)
    rows = [
        RankingRow(ru, labels.get(ru.band, ""), [scores.get((ru.pk, axis.pk)) for axis in axes]) for ru in round_units
    ]
    return axes, rows


def chart_data(round_: Round, units: Any) -> dict[str, Any]:
    """The ranking's charts: every unit's total (names and numbers only) and the top ten's trend over the chain.

    Serves the chart endpoint of the ranking page: one query for the bars (two columns, in rank order), two for
    the chain of rounds and one for the trend, however many units and rounds there are.
    """
    bars = list(ranking_order(units).values_list("unit_id", "unit__name", "total"))
    chain = round_chain(round_)
    return {
        "bar": {"labels": [name for _, name, _ in bars], "data": [total for _, _, total in bars]},
        "trend": trend(chain, [unit_id for unit_id, _, _ in bars[:10]]),
    }


def round_chain(round_: Round, limit: int = 12) -> list[Round]:
    """This round and the ones before it, oldest first — one recursive query however long the chain is."""
    table = Round._meta.db_table
    # Serves the results pages' trend: walks previous_round_id upwards in the database instead of one query a round.
    sql = f"""
        WITH RECURSIVE chain(id, previous_round_id, depth) AS (
            SELECT id, previous_round_id, 1 FROM {table} WHERE id = %s
            UNION ALL
            SELECT r.id, r.previous_round_id, chain.depth + 1
            FROM {table} r JOIN chain ON r.id = chain.previous_round_id
            WHERE chain.depth < %s
        )
        SELECT id, depth FROM chain
    """  # noqa: S608 — the table name is ours, the values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [round_.pk, limit])
        depth = dict(cursor.fetchall())
    earlier = {r.pk: r for r in Round.objects.filter(pk__in=[pk for pk in depth if pk != round_.pk])}
    earlier[round_.pk] = round_
    return [earlier[pk] for pk in sorted(depth, key=lambda pk: -depth[pk]) if pk in earlier]


def trend(chain: list[Round], unit_ids: list[int]) -> dict[str, Any]:
    """Totals per unit over the rounds of the chain, for a line chart."""
    totals: dict[int, dict[int, float | None]] = defaultdict(dict)
    names: dict[int, str] = {}
    for round_id, unit_id, name, total in RoundUnit.objects.filter(round__in=chain, unit_id__in=unit_ids).values_list(
        "round_id", "unit_id", "unit__name", "total"
    ):
        totals[unit_id][round_id] = total
        names[unit_id] = name
    return {
        "labels": [r.title for r in chain],
        "series": [
            {"label": names[unit_id], "data": [totals[unit_id].get(r.pk) for r in chain]}
            for unit_id in unit_ids
            if unit_id in names
        ],
    }


@dataclass
class AgreementRow:
    round_unit: RoundUnit
    inspectors: list[str]
    items: int
    kappa: float | None
    weighted: float | None
    icc: float | None
    level: str
    is_low: bool


def agreement(round_: Round) -> list[AgreementRow]:
    """Where two inspectors answered the same unit: κ over their answers, quadratic κ for scales, ICC(2,1)."""
    by_unit: dict[int, dict[int, dict[int, tuple[str, float]]]] = defaultdict(lambda: defaultdict(dict))
    names: dict[int, str] = {}
    for answer in (
        Answer.objects.filter(
            round_unit__round=round_,
            source=AnswerSource.INSPECTION,
            value_number__isnull=False,
            is_not_applicable=False,
        )
        .select_related("inspector", "item")
        .order_by("id")
    ):
        by_unit[answer.round_unit_id][answer.inspector_id][answer.item_id] = (
            answer.item.item_type,
            answer.value_number,
        )
        names[answer.inspector_id] = answer.inspector.display_name
    round_units = {ru.pk: ru for ru in RoundUnit.objects.filter(pk__in=list(by_unit)).select_related("unit")}
    rows = []
    for ru_id, per_inspector in by_unit.items():
        if len(per_inspector) < 2:
            continue
        (first, a), (second, b) = list(per_inspector.items())[:2]
        shared = sorted(set(a) & set(b))
        if len(shared) < 2:
            continue
        r1 = [a[item][1] for item in shared]
        r2 = [b[item][1] for item in shared]
        kappa = analytics.cohen_kappa(r1, r2)
        scale = [item for item in shared if a[item][0] == "scale"]
        weighted = (
            analytics.weighted_kappa([a[i][1] for i in scale], [b[i][1] for i in scale], weights="quadratic")
            if len(scale) >= 2
            else None
        )
        icc = analytics.icc([[x, y] for x, y in zip(r1, r2, strict=True)], "2,1") if len(shared) >= 3 else None
        rows.append(
            AgreementRow(
                round_units[ru_id],
                [names[first], names[second]],
                len(shared),
                kappa,
                weighted,
                icc,
                analytics.AGREEMENT_LABELS.get(analytics.agreement_level(kappa), ""),
                analytics.is_low_agreement(kappa),
            )
        )
    return sorted(rows, key=lambda row: row.round_unit.unit.sort_key)
