from __future__ import annotations

from hamafza.core.errors import DomainError


class RoundLocked(DomainError):
    status_code = 409

    def __init__(self, message: str = "") -> None:
        super().__init__(message or "این دوره ارزیابی نهایی و قفل شده است و هیچ بخشی از آن تغییر نمی‌کند.")


class WrongRoundState(DomainError):
    status_code = 409


class InvalidAnswer(DomainError):
    pass


class InvalidEvidence(DomainError):
    pass
