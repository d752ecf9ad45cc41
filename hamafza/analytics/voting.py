"""Ranked-ballot elections (a roundtable's elite members electing its chair): Schulze and instant-runoff.

A ballot is a list of candidates, most preferred first. It may rank only some candidates: the unranked ones come
after every ranked one and tie among themselves. Candidates a ballot names twice or that are not standing make
the ballot invalid (``ValueError``): the caller validates ballots when they are cast, so the count never guesses.

Tie rule (documented for the result page, and the same in both methods): when the method itself leaves several
candidates level, the one with more first preferences goes ahead; if they are still level, the one nominated
first (earlier in ``candidates``) goes ahead, and the result says a tie was broken.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np

Candidate = Hashable


def _validated(ballots: Sequence[Sequence[Candidate]], candidates: Sequence[Candidate]) -> list[list[int]]:
    if len(set(candidates)) != len(candidates) or not candidates:
        raise ValueError("candidates must be distinct and at least one")
    index = {c: i for i, c in enumerate(candidates)}
    result = []
    for number, ballot in enumerate(ballots, start=1):
        ranked = [index.get(c, -1) for c in ballot]
        if -1 in ranked:
            raise ValueError(f"ballot {number} names someone who is not a candidate")
        if len(set(ranked)) != len(ranked):
            raise ValueError(f"ballot {number} ranks a candidate twice")
        result.append(ranked)
    return result


def _first_preferences(ballots: list[list[int]], n: int) -> np.ndarray:
    counts = np.zeros(n, dtype=int)
    for ballot in ballots:
        if ballot:
            counts[ballot[0]] += 1
    return counts


def pairwise_matrix(ballots: Sequence[Sequence[Candidate]], candidates: Sequence[Candidate]) -> np.ndarray:
    """``d[i][j]``: how many ballots prefer candidate i to candidate j."""
    n = len(candidates)
    d = np.zeros((n, n), dtype=int)
    for ballot in _validated(ballots, candidates):
        position = np.full(n, n)  # unranked: below every ranked candidate, level with each other
        position[ballot] = np.arange(len(ballot))
        d += position[:, None] < position[None, :]
    return d


@dataclass(frozen=True)
class SchulzeResult:
    winner: Candidate | None
    ranking: tuple[Candidate, ...]
    pairwise: np.ndarray
    strongest_paths: np.ndarray
    tied_winners: tuple[Candidate, ...] = ()
    tie_broken: bool = False


def schulze(ballots: Sequence[Sequence[Candidate]], candidates: Sequence[Candidate]) -> SchulzeResult:
    """The Schulze method (winning votes): strongest paths by a widest-path Floyd–Warshall over the duel margins."""
    valid = _validated(ballots, candidates)
    n = len(candidates)
    d = pairwise_matrix(ballots, candidates)
    p = np.where(d > d.T, d, 0)
    for k in range(n):
        through_k = np.minimum(p[:, k][:, None], p[k, :][None, :])
        p = np.maximum(p, through_k)
        np.fill_diagonal(p, 0)
    beats = (p > p.T).sum(axis=1)
    if not valid:
        return SchulzeResult(None, (), d, p)
    firsts = _first_preferences(valid, n)
    order = sorted(range(n), key=lambda i: (-beats[i], -firsts[i], i))
    schulze_winners = [i for i in range(n) if all(p[i, j] >= p[j, i] for j in range(n) if j != i)]
    winner = order[0]
    tie_broken = len(schulze_winners) > 1
    return SchulzeResult(
        winner=candidates[winner],
        ranking=tuple(candidates[i] for i in order),
        pairwise=d,
        strongest_paths=p,
        tied_winners=tuple(candidates[i] for i in schulze_winners) if tie_broken else (),
        tie_broken=tie_broken,
    )


@dataclass(frozen=True)
class RunoffRound:
    counts: dict[Candidate, int]
    eliminated: Candidate | None
    exhausted: int


@dataclass(frozen=True)
class RunoffResult:
    winner: Candidate | None
    rounds: tuple[RunoffRound, ...] = field(default_factory=tuple)
    tie_broken: bool = False


def instant_runoff(ballots: Sequence[Sequence[Candidate]], candidates: Sequence[Candidate]) -> RunoffResult:
    """Instant-runoff: each round counts every ballot for its highest-ranked remaining candidate; a majority of
    the ballots still in play wins, otherwise the last is eliminated (ties: fewer votes in the earlier round,
    then fewer first preferences, then nominated later goes out)."""
    valid = _validated(ballots, candidates)
    n = len(candidates)
    if not valid:
        return RunoffResult(None)
    firsts = _first_preferences(valid, n)
    remaining = list(range(n))
    rounds: list[RunoffRound] = []
    history: list[np.ndarray] = []
    tie_broken = False
    while True:
        counts = np.zeros(n, dtype=int)
        exhausted = 0
        alive = set(remaining)
        for ballot in valid:
            top = next((c for c in ballot if c in alive), None)
            if top is None:
                exhausted += 1
            else:
                counts[top] += 1
        history.append(counts)
        in_play = int(counts.sum())
        leader = max(remaining, key=lambda i: (counts[i], firsts[i], -i))
        as_dict = {candidates[i]: int(counts[i]) for i in remaining}
        if len(remaining) == 1 or (in_play and counts[leader] * 2 > in_play):
            rounds.append(RunoffRound(as_dict, None, exhausted))
            return RunoffResult(candidates[leader], tuple(rounds), tie_broken)
        lowest = min(counts[i] for i in remaining)
        last = [i for i in remaining if counts[i] == lowest]
        if len(last) > 1:
            tie_broken = True
            last.sort(key=lambda i: (*(int(h[i]) for h in history[-2::-1]), firsts[i], -i))
        out = last[0]
        remaining.remove(out)
        rounds.append(RunoffRound(as_dict, candidates[out], exhausted))
