from __future__ import annotations

from hamafza.evaluation.errors import RoundLocked, WrongRoundState
from hamafza.evaluation.models import Round, RoundState


def ensure_unlocked(round_: Round) -> None:
    """Every service that writes anything belonging to a round calls this first."""
    if round_.is_locked:
        raise RoundLocked()


def ensure_state(round_: Round, *states: str, message: str) -> None:
    ensure_unlocked(round_)
    if round_.state not in states:
        current = RoundState(round_.state).label
        raise WrongRoundState(f"{message} (وضعیت فعلی دوره: {current})")


def lock_round(round_id: int) -> Round:
    """Re-read the round under a row lock: the state a write checks is the state it commits against,
    so a write racing the finalization of its round cannot slip in after the lock."""
    return Round.objects.select_for_update().get(pk=round_id)
