"""The opinion map of a problem (after Polis): who agrees with whom, which statements unite and which divide.

Votes are a participants × statements matrix: 1 agree, −1 disagree, 0 pass, NaN not seen. Unseen votes are
imputed with the statement's mean, the matrix is projected on its first two principal components, and k-means
groups the participants, with k from 2 to 5 chosen by the silhouette. Everything is seeded, so the same votes
give the same map on every run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

SEED = 1403
CONSENSUS_SHARE = 0.6  # every group agrees (or every group disagrees) at least this much


@dataclass(frozen=True)
class StatementStats:
    statement: int
    agree: tuple[float, ...]  # per group, smoothed share of agrees among the group's votes on it
    disagree: tuple[float, ...]


@dataclass(frozen=True)
class OpinionMap:
    coordinates: np.ndarray  # participants × 2
    groups: np.ndarray  # group index per participant
    k: int
    silhouette: float
    statements: tuple[StatementStats, ...]
    representative: dict[int, tuple[int, ...]]  # group → statements it agrees on more than the others
    consensus: tuple[int, ...]
    divisive: tuple[int, ...]


def _kmeans(points: np.ndarray, k: int, rng: np.random.Generator, tries: int = 8) -> tuple[np.ndarray, float]:
    best_labels, best_inertia = np.zeros(len(points), dtype=int), np.inf
    for _ in range(tries):
        # k-means++ seeding, then Lloyd's iterations.
        centers = [points[rng.integers(len(points))]]
        for _ in range(1, k):
            d2 = np.min(((points[:, None, :] - np.array(centers)[None]) ** 2).sum(-1), axis=1)
            total = d2.sum()
            probs = d2 / total if total > 0 else np.full(len(points), 1 / len(points))
            centers.append(points[rng.choice(len(points), p=probs)])
        c = np.array(centers)
        labels = np.zeros(len(points), dtype=int)
        for _ in range(100):
            distances = ((points[:, None, :] - c[None]) ** 2).sum(-1)
            new_labels = distances.argmin(axis=1)
            new_c = np.array(
                [points[new_labels == j].mean(axis=0) if (new_labels == j).any() else c[j] for j in range(k)]
            )
            if np.array_equal(new_labels, labels) and np.allclose(new_c, c):
                break
            labels, c = new_labels, new_c
        inertia = float(((points - c[labels]) ** 2).sum())
        if inertia < best_inertia - 1e-12:
            best_labels, best_inertia = labels, inertia
    return _canonical(best_labels), best_inertia


def _canonical(labels: np.ndarray) -> np.ndarray:
    """Number groups by their first member, so equal partitions get equal labels whatever the seed drew."""
    mapping: dict[int, int] = {}
    for label in labels:
        mapping.setdefault(int(label), len(mapping))
    return np.array([mapping[int(label)] for label in labels], dtype=int)


def silhouette(points: np.ndarray, labels: np.ndarray) -> float:
    groups = np.unique(labels)
    if len(groups) < 2 or len(groups) >= len(points):
        return -1.0
    distances = np.sqrt(((points[:, None, :] - points[None]) ** 2).sum(-1))
    scores = np.zeros(len(points))
    for i in range(len(points)):
        own = labels == labels[i]
        if own.sum() <= 1:
            continue  # a singleton's silhouette is 0 by convention
        a = distances[i, own].sum() / (own.sum() - 1)
        b = min(distances[i, labels == g].mean() for g in groups if g != labels[i])
        scores[i] = 0.0 if max(a, b) == 0 else (b - a) / max(a, b)
    return float(scores.mean())


def opinion_map(votes: Sequence[Sequence[float]] | np.ndarray, max_k: int = 5) -> OpinionMap:
    matrix = np.asarray(votes, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] == 0 or matrix.shape[1] == 0:
        raise ValueError("votes are a participants × statements matrix")
    seen = ~np.isnan(matrix)
    column_means = np.where(seen.any(axis=0), np.nanmean(np.where(seen, matrix, np.nan), axis=0), 0.0)
    filled = np.where(seen, matrix, column_means)
    centered = filled - filled.mean(axis=0)
    _, _, vt = np.linalg.svd(centered, full_matrices=False)
    components = vt[:2]
    # Fix each component's sign (largest loading positive), so the picture does not flip between runs.
    signs = np.sign(components[np.arange(len(components)), np.abs(components).argmax(axis=1)])
    components = components * signs[:, None]
    coords = centered @ components.T
    if coords.shape[1] < 2:
        coords = np.hstack([coords, np.zeros((len(coords), 2 - coords.shape[1]))])

    best = (np.zeros(len(coords), dtype=int), 1, -1.0)
    for k in range(2, min(max_k, len(coords) - 1) + 1):
        labels, _ = _kmeans(coords, k, np.random.default_rng(SEED + k))
        score = silhouette(coords, labels)
        if score > best[2] + 1e-12:
            best = (labels, k, score)
    labels, k, score = best

    stats = []
    agree_matrix = np.zeros((k, matrix.shape[1]))
    for s in range(matrix.shape[1]):
        agrees, disagrees = [], []
        for g in range(k):
            column = matrix[labels == g, s]
            voted = column[~np.isnan(column)]
            # Laplace smoothing, as Polis does: a group that barely voted on a statement says little about it.
            agrees.append(float(((voted == 1).sum() + 1) / (len(voted) + 2)))
            disagrees.append(float(((voted == -1).sum() + 1) / (len(voted) + 2)))
        agree_matrix[:, s] = agrees
        stats.append(StatementStats(s, tuple(agrees), tuple(disagrees)))

    representative = {}
    for g in range(k):
        others = np.delete(agree_matrix, g, axis=0).mean(axis=0) if k > 1 else np.full(matrix.shape[1], 0.5)
        lift = agree_matrix[g] - others
        ranked = [int(s) for s in np.argsort(-lift, kind="stable") if lift[s] > 0.1 and agree_matrix[g, s] > 0.5]
        representative[g] = tuple(ranked[:5])
    consensus = tuple(
        s.statement for s in stats if min(s.agree) >= CONSENSUS_SHARE or min(s.disagree) >= CONSENSUS_SHARE
    )
    spread = agree_matrix.max(axis=0) - agree_matrix.min(axis=0) if k > 1 else np.zeros(matrix.shape[1])
    divisive = tuple(int(s) for s in np.argsort(-spread, kind="stable") if spread[s] >= 0.3)[:5]
    return OpinionMap(coords, labels, k, score, tuple(stats), representative, consensus, divisive)
