"""Weighted evaluation trees: leaf achievement, node scores with not-applicable children dropped, totals.

Two paths give the same numbers: ``score_tree`` for one unit (readable, used in tests and reports) and
``TreeSpec.score`` for a whole round at once (numpy, one pass per tree level, no loop over units).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np


def leaf_achievement(actual: float | None, standard: float, higher_is_better: bool = True) -> float | None:
    """Iran's national evaluation forms: higher-is-better ``min(AP/S, 1)``, lower-is-better ``min(S/AP, 1)``."""
    if actual is None:
        return None
    if actual < 0 or standard < 0:
        raise ValueError("actual and standard must not be negative")
    if higher_is_better:
        # A standard of zero asks for nothing, so anything meets it.
        return 1.0 if standard == 0 else min(actual / standard, 1.0)
    # Lower is better and nothing happened: the best possible result.
    return 1.0 if actual == 0 else min(standard / actual, 1.0)


def leaf_achievements(actual: np.ndarray, standard: float, higher_is_better: bool = True) -> np.ndarray:
    """``leaf_achievement`` over a whole column of units at once; NaN stays NaN (no data)."""
    values = np.asarray(actual, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if higher_is_better:
            result = np.ones_like(values) if standard == 0 else values / standard
        else:
            result = np.where(values == 0, 1.0, standard / values)
    result = np.clip(result, 0.0, 1.0)
    result[np.isnan(values)] = np.nan
    return result


def checklist_ratio(passed: int, total: int) -> float | None:
    if total <= 0:
        return None
    if not 0 <= passed <= total:
        raise ValueError("passed must be between 0 and total")
    return passed / total


def total_score(fraction: float, scale: float = 1000) -> float:
    return fraction * scale


@dataclass
class Node:
    code: str
    weight: float
    children: list[Node] = field(default_factory=list)
    value: float | None = None
    applicable: bool = True


def score_tree(root: Node) -> dict[str, float | None]:
    """Every node's score: the weighted mean of its children that have data, weights rescaled over them."""
    scores: dict[str, float | None] = {}

    def visit(node: Node) -> float | None:
        if not node.applicable:
            result = None
            for child in node.children:
                visit(child)
        elif not node.children:
            result = node.value
        else:
            pairs = [(child.weight, visit(child)) for child in node.children]
            present = [(w, s) for w, s in pairs if s is not None and w > 0]
            weight = sum(w for w, _ in present)
            result = sum(w * s for w, s in present) / weight if weight > 0 else None
        scores[node.code] = result
        return result

    visit(root)
    return scores


class TreeSpec:
    """A tree fixed once per framework version, scored for many units at once.

    ``nodes`` lists (node_id, parent_id, weight) with parents before children; leaves are the nodes without
    children, and the achievement matrix given to ``score`` has one column per leaf in ``leaf_ids`` order.
    """

    def __init__(self, nodes: Sequence[tuple[str, str | None, float]]) -> None:
        self.ids = [node_id for node_id, _, _ in nodes]
        self.index = {node_id: i for i, node_id in enumerate(self.ids)}
        if len(self.index) != len(self.ids):
            raise ValueError("node ids must be unique")
        self.parent = np.full(len(nodes), -1)
        self.weight = np.array([float(weight) for _, _, weight in nodes])
        for i, (_, parent_id, _) in enumerate(nodes):
            if parent_id is not None:
                if parent_id not in self.index or self.index[parent_id] >= i:
                    raise ValueError(f"parent {parent_id!r} must come before its child")
                self.parent[i] = self.index[parent_id]
        has_child = np.zeros(len(nodes), dtype=bool)
        has_child[self.parent[self.parent >= 0]] = True
        self.leaf_positions = np.flatnonzero(~has_child)
        self.leaf_ids = [self.ids[i] for i in self.leaf_positions]
        depth = np.zeros(len(nodes), dtype=int)
        for i in range(len(nodes)):
            depth[i] = 0 if self.parent[i] < 0 else depth[self.parent[i]] + 1
        self.depth = depth

    def score(self, achievements: np.ndarray) -> np.ndarray:
        """(units × leaves) achievements, NaN = no data or not applicable → (units × nodes) scores."""
        values = np.asarray(achievements, dtype=float)
        if values.ndim != 2 or values.shape[1] != len(self.leaf_positions):
            raise ValueError(f"expected a (units, {len(self.leaf_positions)}) matrix")
        units = values.shape[0]
        scores = np.full((units, len(self.ids)), np.nan)
        scores[:, self.leaf_positions] = values
        is_leaf = np.zeros(len(self.ids), dtype=bool)
        is_leaf[self.leaf_positions] = True
        # Deepest level first: each parent is the masked weighted mean of children already scored.
        for level in range(int(self.depth.max()), 0, -1):
            children = np.flatnonzero(self.depth == level)
            parents = self.parent[children]
            child_scores = scores[:, children]
            present = ~np.isnan(child_scores) & (self.weight[children] > 0)
            weights = np.where(present, self.weight[children], 0.0)
            numerator = np.zeros((units, len(self.ids)))
            denominator = np.zeros((units, len(self.ids)))
            np.add.at(numerator.T, parents, (np.where(present, child_scores, 0.0) * weights).T)
            np.add.at(denominator.T, parents, weights.T)
            targets = np.unique(parents)
            targets = targets[~is_leaf[targets]]
            with np.errstate(invalid="ignore", divide="ignore"):
                scores[:, targets] = np.where(
                    denominator[:, targets] > 0, numerator[:, targets] / denominator[:, targets], np.nan
                )
        return scores
