"""Agreement between inspectors who rated the same units: Cohen's κ (plain and weighted), Fleiss' κ, ICC.

When expected agreement is already perfect (every rating in one category) κ is undefined; we return 1.0 if
the raters agree completely and 0.0 otherwise, and say so here rather than return NaN into a report.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def _confusion(r1: Sequence[object], r2: Sequence[object], categories: Sequence[object] | None) -> np.ndarray:
    if len(r1) != len(r2):
        raise ValueError("both raters must rate the same subjects")
    if not r1:
        raise ValueError("no ratings")
    cats = list(categories) if categories is not None else sorted(set(r1) | set(r2))  # type: ignore[type-var]
    index = {c: i for i, c in enumerate(cats)}
    table = np.zeros((len(cats), len(cats)))
    for a, b in zip(r1, r2, strict=True):
        table[index[a], index[b]] += 1
    return table


def _kappa_from_table(table: np.ndarray, weights: np.ndarray) -> float:
    total = table.sum()
    if total <= 0:
        raise ValueError("empty table")
    observed = table / total
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0))
    disagreement_observed = float((weights * observed).sum())
    disagreement_expected = float((weights * expected).sum())
    if disagreement_expected == 0:
        return 1.0 if disagreement_observed == 0 else 0.0
    return 1.0 - disagreement_observed / disagreement_expected


def cohen_kappa(table_or_r1: Sequence[object] | np.ndarray, r2: Sequence[object] | None = None) -> float:
    """Cohen's κ from a k×k confusion table, or from two raters' ratings of the same subjects."""
    if r2 is None:
        table = np.asarray(table_or_r1, dtype=float)
        if table.ndim != 2 or table.shape[0] != table.shape[1]:
            raise ValueError("a confusion table must be square")
    else:
        table = _confusion(list(table_or_r1), list(r2), None)
    k = table.shape[0]
    return _kappa_from_table(table, 1.0 - np.eye(k))


def weighted_kappa(
    r1: Sequence[float], r2: Sequence[float], weights: str = "linear", categories: Sequence[float] | None = None
) -> float:
    """Weighted κ for ordinal ratings: disagreement weights |i−j| (linear) or (i−j)² (quadratic)."""
    if weights not in {"linear", "quadratic"}:
        raise ValueError("weights is 'linear' or 'quadratic'")
    cats = list(categories) if categories is not None else sorted(set(r1) | set(r2))
    table = _confusion(list(r1), list(r2), cats)
    k = len(cats)
    i, j = np.indices((k, k))
    distance = np.abs(i - j) / max(k - 1, 1)
    return _kappa_from_table(table, distance if weights == "linear" else distance**2)


def fleiss_kappa(counts: np.ndarray | Sequence[Sequence[int]]) -> float:
    """Fleiss' κ from a subjects × categories matrix of how many raters chose each category."""
    table = np.asarray(counts, dtype=float)
    raters = table.sum(axis=1)
    if table.ndim != 2 or len(set(raters.tolist())) != 1 or raters[0] < 2:
        raise ValueError("every subject needs the same number (≥ 2) of raters")
    n = raters[0]
    p_category = table.sum(axis=0) / table.sum()
    p_subject = ((table * (table - 1)).sum(axis=1)) / (n * (n - 1))
    observed, expected = p_subject.mean(), float((p_category**2).sum())
    if expected == 1:
        return 1.0 if observed == 1 else 0.0
    return float((observed - expected) / (1 - expected))


def icc(ratings: np.ndarray | Sequence[Sequence[float]], kind: str = "2,1") -> float:
    """Intraclass correlation (Shrout & Fleiss 1979) of a subjects × raters matrix.

    1,1 / 1,k: one-way random; 2,1 / 2,k: two-way random (absolute agreement); 3,1 / 3,k: two-way mixed
    (consistency). The k forms are the reliability of the raters' mean.
    """
    x = np.asarray(ratings, dtype=float)
    if x.ndim != 2 or x.shape[0] < 2 or x.shape[1] < 2:
        raise ValueError("need at least two subjects and two raters")
    if np.isnan(x).any():
        raise ValueError("ICC needs every rater to rate every subject")
    n, k = x.shape
    grand = x.mean()
    ss_rows = k * ((x.mean(axis=1) - grand) ** 2).sum()
    ss_cols = n * ((x.mean(axis=0) - grand) ** 2).sum()
    ss_total = ((x - grand) ** 2).sum()
    ss_error = ss_total - ss_rows - ss_cols
    bms = ss_rows / (n - 1)
    wms = (ss_total - ss_rows) / (n * (k - 1))
    jms = ss_cols / (k - 1)
    ems = ss_error / ((n - 1) * (k - 1))
    formulas = {
        "1,1": lambda: (bms - wms) / (bms + (k - 1) * wms),
        "2,1": lambda: (bms - ems) / (bms + (k - 1) * ems + k * (jms - ems) / n),
        "3,1": lambda: (bms - ems) / (bms + (k - 1) * ems),
        "1,k": lambda: (bms - wms) / bms,
        "2,k": lambda: (bms - ems) / (bms + (jms - ems) / n),
        "3,k": lambda: (bms - ems) / bms,
    }
    if kind not in formulas:
        raise ValueError(f"kind is one of {sorted(formulas)}")
    with np.errstate(divide="ignore", invalid="ignore"):
        value = float(formulas[kind]())
    return value if np.isfinite(value) else (1.0 if ss_total == 0 else 0.0)


LANDIS_KOCH = (
    (0.81, "almost_perfect", "تقریباً کامل"),
    (0.61, "substantial", "زیاد"),
    (0.41, "moderate", "متوسط"),
    (0.21, "fair", "کم"),
    (0.0, "slight", "ناچیز"),
)


def agreement_level(kappa: float) -> str:
    """Landis & Koch (1977): poor < 0 ≤ slight ≤ 0.2 < fair ≤ 0.4 < moderate ≤ 0.6 < substantial ≤ 0.8
    < almost perfect."""
    if kappa < 0:
        return "poor"
    for threshold, code, _ in LANDIS_KOCH:
        if kappa >= threshold:
            return code
    return "slight"


AGREEMENT_LABELS = {code: label for _, code, label in LANDIS_KOCH} | {"poor": "ضعیف"}


def is_low_agreement(kappa: float, threshold: float = 0.4) -> bool:
    return kappa < threshold
