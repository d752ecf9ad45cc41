"""Voice's refusals, each with the Persian sentence the person sees."""

from __future__ import annotations

from hamafza.core.errors import DomainError
from hamafza.persian import to_persian_digits


class CommentTooLong(DomainError):
    def __init__(self, length: int, limit: int) -> None:
        super().__init__(
            f"متن نظر {to_persian_digits(length)} نویسه است؛ حداکثر {to_persian_digits(limit)} نویسه مجاز است. "
            "لطفاً آن را کوتاه‌تر کنید."
        )


class TooManyComments(DomainError):
    status_code = 429

    def __init__(self) -> None:
        super().__init__("از این نشانی در چند دقیقه گذشته نظرهای زیادی ثبت شده است. لطفاً کمی بعد دوباره بفرستید.")
