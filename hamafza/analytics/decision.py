"""Multi-criteria decisions for roundtables and balanced development: TOPSIS, the Morris index, AHP weights.

Rows are alternatives (capacities, counties), columns criteria. ``benefit[j]`` is True when more of criterion j
is better and False for a cost. Every function refuses malformed input with ``ValueError`` rather than return NaN
into a report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Saaty's random consistency index by matrix order (1 and 2 are always consistent).
RANDOM_INDEX: dict[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
    11: 1.51,
    12: 1.48,
    13: 1.56,
    14: 1.57,
    15: 1.59,
}
# Saaty's rule of thumb: above this the judgements contradict each other too much to be used.
MAX_CONSISTENCY_RATIO = 0.10


def _matrix(X: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    matrix = np.asarray(X, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] == 0 or matrix.shape[1] == 0:
        raise ValueError("the decision matrix must have at least one row and one column")
    if not np.isfinite(matrix).all():
        raise ValueError("the decision matrix must hold finite numbers")
    return matrix


def _benefit(benefit: Sequence[bool] | None, columns: int) -> np.ndarray:
    flags = np.ones(columns, dtype=bool) if benefit is None else np.asarray(benefit, dtype=bool)
    if flags.shape != (columns,):
        raise ValueError("one benefit flag per criterion")
    return flags


def _weights(weights: Sequence[float] | None, columns: int) -> np.ndarray:
    w = np.full(columns, 1.0 / columns) if weights is None else np.asarray(weights, dtype=float)
    if w.shape != (columns,) or not np.isfinite(w).all() or (w < 0).any() or w.sum() <= 0:
        raise ValueError("one non-negative weight per criterion, not all zero")
    return w / w.sum()


def topsis(
    X: Sequence[Sequence[float]] | np.ndarray,
    weights: Sequence[float] | None = None,
    benefit: Sequence[bool] | None = None,
) -> np.ndarray:
    """Closeness of each alternative to the ideal (1 = the ideal itself, 0 = the anti-ideal).

    Vector normalization (each column divided by its Euclidean norm), weighted; the ideal takes the best value of
    each criterion and the anti-ideal the worst. A column of zeros carries no information and is left at zero.
    """
    matrix = _matrix(X)
    flags = _benefit(benefit, matrix.shape[1])
    w = _weights(weights, matrix.shape[1])
    norms = np.linalg.norm(matrix, axis=0)
    norms[norms == 0] = 1.0
    v = matrix / norms * w
    ideal = np.where(flags, v.max(axis=0), v.min(axis=0))
    anti = np.where(flags, v.min(axis=0), v.max(axis=0))
    d_best = np.linalg.norm(v - ideal, axis=1)
    d_worst = np.linalg.norm(v - anti, axis=1)
    total = d_best + d_worst
    # Every alternative equal on every criterion: all are equally close; say 0.5 rather than divide by zero.
    return np.where(total == 0, 0.5, d_worst / np.where(total == 0, 1.0, total))


def morris_index(X: Sequence[Sequence[float]] | np.ndarray, benefit: Sequence[bool] | None = None) -> np.ndarray:
    """The Morris development index: each indicator scaled 0–100 between its min and max (reversed for costs),
    then averaged. Higher is more developed; the most deprived area has the lowest score.

    An indicator with the same value everywhere does not tell areas apart and is left out of the mean.
    """
    matrix = _matrix(X)
    flags = _benefit(benefit, matrix.shape[1])
    low, high = matrix.min(axis=0), matrix.max(axis=0)
    spread = high - low
    informative = spread > 0
    if not informative.any():
        return np.full(matrix.shape[0], 50.0)
    scaled = (matrix[:, informative] - low[informative]) / spread[informative] * 100.0
    scaled = np.where(flags[informative], scaled, 100.0 - scaled)
    return scaled.mean(axis=1)


@dataclass(frozen=True)
class AhpResult:
    weights: np.ndarray
    consistency_ratio: float
    lambda_max: float

    @property
    def is_consistent(self) -> bool:
        return self.consistency_ratio <= MAX_CONSISTENCY_RATIO


def ahp(M: Sequence[Sequence[float]] | np.ndarray) -> AhpResult:
    """Weights from a pairwise comparison matrix (principal eigenvector) with Saaty's consistency ratio."""
    matrix = _matrix(M)
    n = matrix.shape[0]
    if matrix.shape != (n, n):
        raise ValueError("a pairwise comparison matrix is square")
    if (matrix <= 0).any():
        raise ValueError("pairwise judgements are positive numbers")
    if not np.allclose(matrix * matrix.T, 1.0, rtol=1e-6, atol=1e-6):
        raise ValueError("a pairwise comparison matrix is reciprocal: M[j][i] = 1 / M[i][j]")
    if n > max(RANDOM_INDEX):
        raise ValueError(f"at most {max(RANDOM_INDEX)} criteria")
    eigenvalues, eigenvectors = np.linalg.eig(matrix)
    k = int(np.argmax(eigenvalues.real))
    lambda_max = float(eigenvalues[k].real)
    vector = np.abs(eigenvectors[:, k].real)
    weights = vector / vector.sum()
    if n <= 2:
        return AhpResult(weights, 0.0, lambda_max)
    ci = (lambda_max - n) / (n - 1)
    return AhpResult(weights, max(ci / RANDOM_INDEX[n], 0.0), lambda_max)


def ahp_weights(M: Sequence[Sequence[float]] | np.ndarray) -> tuple[np.ndarray, float]:
    """``(weights, consistency_ratio)``; the caller refuses the judgements when the ratio exceeds 0.10."""
    result = ahp(M)
    return result.weights, result.consistency_ratio


def classify_by_deviation(scores: Sequence[float] | np.ndarray, k: float = 1.0) -> np.ndarray:
    """Classes 0 (deprived) … 3 (developed) by mean ± kσ: below μ−kσ, below μ, below μ+kσ, and above."""
    values = np.asarray(scores, dtype=float)
    if values.size == 0:
        return np.zeros(0, dtype=int)
    mean, sd = float(values.mean()), float(values.std())
    edges = np.array([mean - k * sd, mean, mean + k * sd])
    return np.searchsorted(edges, values, side="right").astype(int)


def classify_by_thresholds(scores: Sequence[float] | np.ndarray, thresholds: Sequence[float]) -> np.ndarray:
    """Class i for scores below ``thresholds[i]`` (sorted ascending); the last class is above every threshold."""
    edges = np.asarray(sorted(thresholds), dtype=float)
    return np.searchsorted(edges, np.asarray(scores, dtype=float), side="right").astype(int)
