"""Creating a framework version costs a few bulk statements, never one per row."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from hamafza.evaluation.services.frameworks import AxisSpec, IndicatorSpec, ItemSpec, framework_version_create


def _axes(items_per_indicator: int) -> list[AxisSpec]:
    return [
        AxisSpec(
            f"a{a}",
            f"محور {a}",
            1.0,
            [
                IndicatorSpec(
                    f"a{a}i{i}",
                    f"شاخص {i}",
                    1.0,
                    [
                        ItemSpec(
                            code=f"a{a}i{i}q{q}",
                            title=f"پرسش {q}",
                            item_type="yes_no",
                            weight=1,
                            relevant_if="a0i0q0" if (a, i, q) != (0, 0, 0) and q == 1 else "",
                            relevant_value="بله",
                        )
                        for q in range(items_per_indicator)
                    ],
                )
                for i in range(2)
            ],
        )
        for a in range(3)
    ]


def test_a_large_framework_costs_a_few_bulk_statements_not_one_per_row(open_round: Any):
    owner = open_round.municipality
    counts = []
    for code, per_indicator in (("small", 2), ("large", 50)):
        with CaptureQueriesContext(connection) as queries:
            version = framework_version_create(
                by=None, owner=owner, code=code, title="چارچوب", axes=_axes(per_indicator)
            )
        counts.append(len(queries))
        assert version.items.count() == 3 * 2 * per_indicator
        linked = version.items.filter(relevant_if_item__isnull=False)
        assert linked.count() == 3 * 2  # the second question of every indicator
        assert {item.relevant_if_item.code for item in linked} == {"a0i0q0"}
    # 300 items: the same statements as 12, plus the extra batches SQLite's parameter limit cuts a bulk insert
    # into (about 60 rows a batch); a statement per row would be 288 more.
    assert counts[1] - counts[0] <= 300 // 50
