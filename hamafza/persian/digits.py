"""Persian (۰-۹), Arabic-Indic (٠-٩) and Latin (0-9) digits, and numbers written the Persian way."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

THOUSANDS_SEPARATOR = "٬"
DECIMAL_SEPARATOR = "٫"

_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
# What people paste as a number: Persian separators, Latin commas, or nothing at all.
_NUMBER_TEXT = str.maketrans({THOUSANDS_SEPARATOR: None, ",": None, DECIMAL_SEPARATOR: ".", " ": None})


def to_persian_digits(value: object) -> str:
    """Every Latin or Arabic-Indic digit in ``str(value)`` becomes Persian; nothing else changes."""
    return str(value).translate(_TO_PERSIAN)


def to_latin_digits(value: object) -> str:
    """Every Persian or Arabic-Indic digit in ``str(value)`` becomes Latin; nothing else changes."""
    return str(value).translate(_TO_LATIN)


def _as_decimal(value: int | float | Decimal | str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a finite number")
        # repr() is the shortest text that round-trips, so 0.1 stays 0.1 rather than 0.1000000000000000055…
        return Decimal(repr(value))
    if isinstance(value, int):
        return Decimal(value)
    try:
        return Decimal(to_latin_digits(value).strip().translate(_NUMBER_TEXT))
    except InvalidOperation:
        # Callers catch ValueError for bad input; decimal's own error is an ArithmeticError.
        raise ValueError(f"{value!r} is not a number") from None


def format_number(value: int | float | Decimal | str, decimals: int | None = None) -> str:
    """``1234567.5`` → ``۱٬۲۳۴٬۵۶۷٫۵``; ``decimals`` rounds (half up, as people do) to that many places."""
    number = _as_decimal(value)
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    if decimals is not None:
        with localcontext() as context:
            # quantize() refuses results longer than the context's precision (28 digits by default).
            context.prec = max(context.prec, number.adjusted() + decimals + 2)
            number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{number:,f}"
    if text.startswith("-") and not number:
        # Rounding -0.4 to 0 places gives "-0", which nobody writes.
        text = text[1:]
    text = text.replace(",", THOUSANDS_SEPARATOR).replace(".", DECIMAL_SEPARATOR)
    return to_persian_digits(text)
