"""The numbers the evaluation issue pins, plus properties the two scoring paths must share."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamafza.analytics import (
    DEFAULT_BANDS,
    Node,
    TreeSpec,
    assign_band,
    checklist_ratio,
    cohen_kappa,
    fleiss_kappa,
    icc,
    is_low_agreement,
    leaf_achievement,
    leaf_achievements,
    rank_with_ties,
    score_tree,
    total_score,
    weighted_kappa,
)


def issue_tree(b_applicable: bool = True) -> Node:
    return Node(
        "root",
        1,
        [
            Node(
                "A",
                0.4,
                [
                    Node("a1", 1, value=leaf_achievement(72, 80)),
                    Node("a2", 1, value=leaf_achievement(12.5, 10, higher_is_better=False)),
                ],
            ),
            Node("B", 0.35, value=checklist_ratio(7, 10), applicable=b_applicable),
            Node(
                "C",
                0.25,
                [Node("c1", 0.6, value=leaf_achievement(5, 6)), Node("c2", 0.4, value=leaf_achievement(4, 3))],
            ),
        ],
    )


def test_the_issue_tree_scores_810_of_1000():
    scores = score_tree(issue_tree())
    assert scores["A"] == pytest.approx(0.85)
    assert scores["C"] == pytest.approx(0.9)
    assert scores["root"] == pytest.approx(0.81)
    assert total_score(scores["root"], 1000) == pytest.approx(810)


def test_a_not_applicable_axis_is_dropped_and_weights_rescaled():
    assert score_tree(issue_tree(b_applicable=False))["root"] == pytest.approx(0.869231, abs=1e-6)


def test_lower_is_better_leaf_is_capped_at_one():
    assert leaf_achievement(5, 10, higher_is_better=False) == 1.0
    assert leaf_achievement(12.5, 10, higher_is_better=False) == pytest.approx(0.8)
    assert leaf_achievement(None, 10) is None


def test_cohens_kappa_of_the_two_by_two_table():
    assert cohen_kappa([[20, 5], [10, 15]]) == pytest.approx(0.40)


def test_kappa_and_quadratic_weighted_kappa_of_two_raters():
    r1 = [2, 2, 1, 0, 2, 1, 1, 2, 0, 2]
    r2 = [2, 1, 1, 0, 2, 1, 2, 2, 0, 2]
    assert cohen_kappa(r1, r2) == pytest.approx(0.6774, abs=1e-4)
    assert weighted_kappa(r1, r2, weights="quadratic") == pytest.approx(0.8361, abs=1e-4)
    assert not is_low_agreement(cohen_kappa(r1, r2))


def test_fleiss_kappa_of_the_classic_example():
    table = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    assert fleiss_kappa(table) == pytest.approx(0.210, abs=1e-3)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("1,1", 0.17), ("2,1", 0.29), ("3,1", 0.71), ("1,k", 0.44), ("2,k", 0.62), ("3,k", 0.91)],
)
def test_icc_reproduces_shrout_and_fleiss(kind, expected):
    ratings = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    assert icc(ratings, kind) == pytest.approx(expected, abs=0.005)


def test_perfect_agreement_is_one():
    assert cohen_kappa([1, 0, 1], [1, 0, 1]) == 1.0


def test_ranks_share_places_on_ties():
    assert rank_with_ties([900, 850, 850, 700, None]) == [1, 2, 2, 4, None]
    assert rank_with_ties([900, 850, 850, 700], method="dense") == [1, 2, 2, 3]


def test_bands_follow_the_default_thresholds():
    assert [assign_band(f).code for f in (0.95, 0.8, 0.6, 0.45, 0.1)] == [
        "excellent",
        "very_good",
        "good",
        "needs_improvement",
        "weak",
    ]
    assert DEFAULT_BANDS[0].label == "عالی"


def test_the_matrix_path_gives_the_issue_numbers_for_many_units_at_once():
    spec = TreeSpec(
        [
            ("root", None, 1),
            ("A", "root", 0.4),
            ("B", "root", 0.35),
            ("C", "root", 0.25),
            ("a1", "A", 1),
            ("a2", "A", 1),
            ("c1", "C", 0.6),
            ("c2", "C", 0.4),
        ]
    )
    column = {leaf: i for i, leaf in enumerate(spec.leaf_ids)}
    row = np.empty(len(column))
    for leaf, value in {"a1": 0.9, "a2": 0.8, "B": 0.7, "c1": 5 / 6, "c2": 1.0}.items():
        row[column[leaf]] = value
    without_b = row.copy()
    without_b[column["B"]] = np.nan
    scores = spec.score(np.vstack([row, without_b]))[:, spec.index["root"]]
    assert scores == pytest.approx([0.81, 0.869231], abs=1e-6)


leaf_value = st.one_of(st.none(), st.floats(min_value=0, max_value=1))


@settings(max_examples=60, deadline=None)
@given(
    weights=st.lists(st.floats(min_value=0.05, max_value=5), min_size=2, max_size=4),
    leaves=st.lists(st.lists(leaf_value, min_size=1, max_size=3), min_size=2, max_size=4),
    factor=st.floats(min_value=0.1, max_value=10),
)
def test_tree_and_matrix_paths_agree_and_weights_only_matter_relatively(weights, leaves, factor):
    count = min(len(weights), len(leaves))
    weights, leaves = weights[:count], leaves[:count]

    def build(scale: float) -> tuple[Node, list[tuple[str, str | None, float]], dict[str, float | None]]:
        children, nodes, values = [], [("root", None, 1.0)], {}
        for i, (w, group) in enumerate(zip(weights, leaves, strict=True)):
            nodes.append((f"x{i}", "root", w * scale))
            kids = []
            for j, v in enumerate(group):
                nodes.append((f"x{i}_{j}", f"x{i}", 1.0))
                values[f"x{i}_{j}"] = v
                kids.append(Node(f"x{i}_{j}", 1.0, value=v))
            children.append(Node(f"x{i}", w * scale, kids))
        return Node("root", 1, children), nodes, values

    tree, nodes, values = build(1.0)
    expected = score_tree(tree)["root"]
    assert score_tree(build(factor)[0])["root"] == (pytest.approx(expected) if expected is not None else None)
    spec = TreeSpec(nodes)
    matrix = np.array([[np.nan if values[leaf] is None else values[leaf] for leaf in spec.leaf_ids]])
    got = spec.score(matrix)[0, spec.index["root"]]
    if expected is None:
        assert np.isnan(got)
    else:
        assert got == pytest.approx(expected)
        assert 0 <= got <= 1


@settings(max_examples=80, deadline=None)
@given(
    values=st.lists(st.one_of(st.none(), st.floats(min_value=0, max_value=1e6)), min_size=1, max_size=20),
    standard=st.floats(min_value=0, max_value=1e6),
    higher=st.booleans(),
)
def test_the_vectorized_leaf_achievement_matches_the_scalar_one(values, standard, higher):
    column = np.array([np.nan if v is None else v for v in values])
    got = leaf_achievements(column, standard, higher_is_better=higher)
    for value, result in zip(values, got, strict=True):
        expected = leaf_achievement(value, standard, higher_is_better=higher)
        if expected is None:
            assert np.isnan(result)
        else:
            assert result == pytest.approx(expected)
