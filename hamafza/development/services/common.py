"""What the development services share: numbers as people type them, the version check of a stale edit."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from hamafza.core.errors import DomainError, VersionConflict
from hamafza.persian import normalize, to_latin_digits

# ---- numbers typed by people ---------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def parse_number(raw: Any) -> float:
    """«۱۲٫۵», «1,200», «۷۵٪» → a float; anything else is a Persian refusal."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    text = to_latin_digits(str(raw or "")).strip()
    text = text.replace("٫", ".").replace("٬", "").replace(",", "").replace("٪", "").replace("%", "").strip()
    if not _NUMBER.fullmatch(text):
        raise DomainError(f"«{normalize(str(raw or ''))}» عدد نیست.")
    return float(text)


def parse_judgement(raw: Any) -> float:
    """A pairwise judgement: «۳», «۱/۳», «0.5», «۱٫۵»; positive and within Saaty's 1/9 … 9."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
    else:
        text = to_latin_digits(str(raw or "")).strip().replace("٫", ".").replace("⁄", "/").replace("÷", "/")
        text = text.replace(" ", "")
        if not text:
            raise DomainError("همه مقایسه‌ها را بنویسید.")
        try:
            value = float(Fraction(text))
        except (ValueError, ZeroDivisionError):
            raise DomainError(
                f"«{normalize(str(raw))}» مقایسه معتبری نیست؛ عددی مانند ۳ یا کسری مانند ۱/۳ بنویسید."
            ) from None
    if not 1 / 9 - 1e-9 <= value <= 9 + 1e-9:
        raise DomainError("هر مقایسه عددی میان ۱/۹ و ۹ است (مقیاس ساعتی).")
    return value


def matrix_from_upper(upper: list[float]) -> list[list[float]]:
    """The reciprocal 3×3 matrix from its upper triangle [a12, a13, a23]."""
    a12, a13, a23 = upper
    return [[1.0, a12, a13], [1 / a12, 1.0, a23], [1 / a13, 1 / a23, 1.0]]


def _check_version(obj: Any, version: int | None) -> None:
    if version is not None and int(version) != obj.version:
        raise VersionConflict()
