"""Persian (۰-۹), Arabic-Indic (٠-٩) and Latin (0-9) digits, and Persian number formatting."""

from __future__ import annotations

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)

THOUSANDS_SEPARATOR = "٬"
DECIMAL_SEPARATOR = "٫"


def to_persian_digits(value: object) -> str:
    return str(value).translate(_TO_PERSIAN)


def to_latin_digits(value: object) -> str:
    return str(value).translate(_TO_LATIN)


def format_number(value: float | int | str, decimals: int | None = None) -> str:
    """``1234567.5`` → ``۱٬۲۳۴٬۵۶۷٫۵``; ``decimals`` fixes the number of decimal places."""
    number = float(to_latin_digits(value)) if isinstance(value, str) else value
    if decimals is None:
        text = f"{number:,}" if isinstance(number, int) else f"{number:,.6f}".rstrip("0").rstrip(".")
    else:
        text = f"{number:,.{decimals}f}"
    text = text.replace(",", "\0").replace(".", DECIMAL_SEPARATOR).replace("\0", THOUSANDS_SEPARATOR)
    return to_persian_digits(text)
