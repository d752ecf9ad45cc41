from __future__ import annotations

from typing import Any

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


class MissingEvidence(InvalidAnswer):
    """Answers to questions that need evidence were sent without it; ``items`` lets a page link to each one."""

    def __init__(self, items: list[Any]) -> None:
        titles = "، ".join(f"«{item.title}»" for item in items[:5])
        super().__init__(f"این پرسش‌ها مستند لازم دارند و هنوز مستندی برایشان بارگذاری نشده است: {titles}")
        self.items = items
