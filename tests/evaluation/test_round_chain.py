"""The chain of rounds behind a results page is read in a fixed number of queries, however long it is."""

from __future__ import annotations

from typing import Any

import pytest

from hamafza.evaluation.models import Round
from hamafza.evaluation.selectors_results import round_chain


def _chain(office: Any, version: Any, length: int) -> list[Round]:
    rounds: list[Round] = []
    for n in range(length):
        rounds.append(
            Round.objects.create(
                office=office,
                framework_version=version,
                code=f"chain-{n}",
                title=f"دوره {n}",
                previous_round=rounds[-1] if rounds else None,
            )
        )
    return rounds


@pytest.mark.parametrize("length", [1, 3, 12])
def test_round_chain_costs_two_queries_whatever_its_length(open_round: Any, django_assert_num_queries: Any, length):
    rounds = _chain(open_round.municipality, open_round.round.framework_version, length)
    with django_assert_num_queries(1 if length == 1 else 2):
        chain = round_chain(rounds[-1])
    assert [r.code for r in chain] == [r.code for r in rounds]


def test_round_chain_stops_at_its_limit_keeping_the_newest(open_round: Any):
    rounds = _chain(open_round.municipality, open_round.round.framework_version, 15)
    chain = round_chain(rounds[-1], limit=12)
    assert [r.code for r in chain] == [r.code for r in rounds[-12:]]
