"""The roundtables' numbers: TOPSIS, Morris, AHP, Schulze, instant-runoff and the opinion map (issue 11)."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamafza.analytics.decision import (
    ahp,
    ahp_weights,
    classify_by_deviation,
    classify_by_thresholds,
    morris_index,
    topsis,
)
from hamafza.analytics.opinion import opinion_map
from hamafza.analytics.voting import instant_runoff, pairwise_matrix, schulze


def test_topsis_matches_the_worked_example_with_a_cost_criterion():
    X = [[7, 9, 9], [8, 7, 8], [9, 6, 9], [6, 7, 6]]
    closeness = topsis(X, [0.5, 0.3, 0.2], [True, True, False])
    assert closeness == pytest.approx([0.4795, 0.5471, 0.5797, 0.2834], abs=5e-5)


def test_topsis_refuses_a_weight_per_criterion_mismatch_and_non_finite_values():
    with pytest.raises(ValueError):
        topsis([[1, 2]], [1.0])
    with pytest.raises(ValueError):
        topsis([[1, float("nan")]])


def test_ahp_gives_saatys_weights_and_consistency_ratio():
    weights, cr = ahp_weights([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    assert weights == pytest.approx([0.6370, 0.2583, 0.1047], abs=5e-5)
    assert cr == pytest.approx(0.0332, abs=5e-5)


def test_ahp_flags_cyclic_judgements_as_inconsistent():
    result = ahp([[1, 3, 1 / 3], [1 / 3, 1, 3], [3, 1 / 3, 1]])
    assert result.consistency_ratio == pytest.approx(1.1494, abs=5e-4)
    assert not result.is_consistent


def test_ahp_refuses_a_matrix_that_is_not_reciprocal():
    with pytest.raises(ValueError):
        ahp([[1, 3], [3, 1]])


def test_morris_index_puts_the_most_deprived_area_lowest():
    # literacy (benefit), unemployment (cost), doctors per 10k (benefit)
    X = [[95, 8, 12], [80, 20, 3], [88, 12, 7]]
    scores = morris_index(X, [True, False, True])
    assert scores[0] == pytest.approx(100.0)
    assert scores[1] == pytest.approx(0.0)
    assert int(np.argmin(scores)) == 1


def test_morris_index_ignores_an_indicator_that_is_the_same_everywhere():
    assert morris_index([[1, 5], [3, 5]]) == pytest.approx([0.0, 100.0])


def test_classes_by_deviation_and_thresholds():
    assert classify_by_deviation([10, 40, 50, 60, 90]).tolist() == [0, 1, 2, 2, 3]
    assert classify_by_thresholds([10, 40, 90], [25, 75]).tolist() == [0, 1, 2]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.floats(min_value=0, max_value=1000), min_size=3, max_size=3), min_size=2, max_size=8),
)
def test_topsis_closeness_stays_between_zero_and_one(rows):
    closeness = topsis(rows, [0.2, 0.3, 0.5], [True, False, True])
    assert ((closeness >= -1e-12) & (closeness <= 1 + 1e-12)).all()


# Wikipedia's Schulze example: 45 voters, five candidates, E wins.
WIKIPEDIA = (
    [["A", "C", "B", "E", "D"]] * 5
    + [["A", "D", "E", "C", "B"]] * 5
    + [["B", "E", "D", "A", "C"]] * 8
    + [["C", "A", "B", "E", "D"]] * 3
    + [["C", "A", "E", "B", "D"]] * 7
    + [["C", "B", "A", "D", "E"]] * 2
    + [["D", "C", "E", "B", "A"]] * 7
    + [["E", "B", "A", "D", "C"]] * 8
)


def test_schulze_elects_the_textbook_winner_and_keeps_the_pairwise_matrix():
    result = schulze(WIKIPEDIA, ["A", "B", "C", "D", "E"])
    assert result.winner == "E"
    assert result.ranking == ("E", "A", "C", "B", "D")
    assert result.pairwise[0, 1] == 20  # A over B
    assert result.strongest_paths[4, 3] == 31  # E over D, directly
    assert result.strongest_paths[4, 0] == 25 and result.strongest_paths[0, 4] == 24
    assert not result.tie_broken


def test_schulze_breaks_a_tie_by_first_preferences_then_nomination_order():
    result = schulze([["x", "y"], ["y", "x"]], ["x", "y"])
    assert result.tie_broken and result.winner == "x"
    result = schulze([["x", "y"], ["y", "x"], ["y"]], ["x", "y"])
    assert result.winner == "y" and not result.tie_broken


def test_partial_ballots_rank_unnamed_candidates_last():
    d = pairwise_matrix([["b"]], ["a", "b", "c"])
    assert d.tolist() == [[0, 0, 0], [1, 0, 1], [0, 0, 0]]


def test_a_ballot_that_ranks_someone_twice_or_a_stranger_is_refused():
    with pytest.raises(ValueError):
        schulze([["a", "a"]], ["a", "b"])
    with pytest.raises(ValueError):
        instant_runoff([["z"]], ["a", "b"])


def test_instant_runoff_transfers_votes_round_by_round():
    ballots = [["a", "b"]] * 4 + [["b", "a"]] * 3 + [["c", "b"]] * 2
    result = instant_runoff(ballots, ["a", "b", "c"])
    assert result.winner == "b"
    assert [r.eliminated for r in result.rounds] == ["c", None]
    assert result.rounds[1].counts == {"a": 4, "b": 5}


def test_the_published_anonymous_ballots_reproduce_the_winner():
    # The election page publishes ballots as CSV rows of ranked candidates; recounting them gives the same winner.
    buffer = io.StringIO()
    csv.writer(buffer).writerows(WIKIPEDIA)
    recounted = [row for row in csv.reader(io.StringIO(buffer.getvalue()))]
    assert schulze(recounted, ["A", "B", "C", "D", "E"]).winner == schulze(WIKIPEDIA, list("ABCDE")).winner


FIXED_VOTES = np.array(
    [
        [1, 1, -1, -1, 1, 0],
        [1, 1, -1, -1, 1, 1],
        [1, 0, -1, -1, 1, 1],
        [1, 1, -1, np.nan, 1, 1],
        [-1, -1, 1, 1, 1, 0],
        [-1, -1, 1, 1, 1, -1],
        [-1, np.nan, 1, 1, 1, -1],
        [-1, -1, 1, 1, 1, 0],
    ],
    dtype=float,
)


def test_the_opinion_map_of_a_fixed_vote_matrix_is_the_same_on_every_run():
    first = opinion_map(FIXED_VOTES)
    again = opinion_map(FIXED_VOTES.copy())
    assert first.k == 2
    assert first.groups.tolist() == again.groups.tolist() == [0, 0, 0, 0, 1, 1, 1, 1]
    assert np.allclose(first.coordinates, again.coordinates)


def test_the_opinion_map_finds_consensus_and_divisive_statements():
    result = opinion_map(FIXED_VOTES)
    assert 4 in result.consensus  # everybody agrees with statement 4
    assert {0, 2, 3} <= set(result.divisive)
    assert 0 in result.representative[0] and 2 in result.representative[1]
