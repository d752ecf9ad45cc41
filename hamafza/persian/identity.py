"""Iranian national IDs (کد ملی) and mobile numbers, however they were typed or exported."""

from __future__ import annotations

import re

from hamafza.persian.digits import to_latin_digits
from hamafza.persian.errors import InvalidMobile, InvalidNationalId

# What people put between digits: spaces of any kind, dashes of any kind, and the invisible bidi marks that
# come along when a number is copied out of right-to-left text.
_NOISE = "\\s\\-\u2010-\u2015\u2212\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff"
_NATIONAL_ID_NOISE = re.compile(f"[{_NOISE}]+")
# Mobile numbers are also written (0912) 345 6789 or 0912.345.6789.
_MOBILE_NOISE = re.compile(f"[{_NOISE}().]+")
_ASCII_DIGITS = re.compile("[0-9]+")

NATIONAL_ID_MESSAGE = "کد ملی واردشده معتبر نیست. کد ملی ده رقم دارد و رقم آخر آن رقم کنترل است."
MOBILE_MESSAGE = "شماره همراه باید به شکل ۰۹۱۲۳۴۵۶۷۸۹ باشد."


def _national_id_digits(code: str | int) -> str | None:
    digits = _NATIONAL_ID_NOISE.sub("", to_latin_digits(code))
    # str.isdigit() would also pass other scripts' digits and superscripts; only 0-9 are wanted here.
    if not _ASCII_DIGITS.fullmatch(digits) or not 8 <= len(digits) <= 10:
        return None
    # Spreadsheets store the code as a number and drop its leading zeros: 0012345679 arrives as 12345679.
    digits = digits.zfill(10)
    # 0000000000, 1111111111 … pass the checksum but are placeholders, never issued.
    if len(set(digits)) == 1:
        return None
    remainder = sum(int(digits[i]) * (10 - i) for i in range(9)) % 11
    check = int(digits[9])
    valid = check == remainder if remainder < 2 else check == 11 - remainder
    return digits if valid else None


def is_valid_national_id(code: str | int) -> bool:
    """Whether ``code`` is a valid کد ملی: any digits, spaces or dashes, leading zeros or not."""
    return _national_id_digits(code) is not None


def normalize_national_id(code: str | int) -> str:
    """The ten Latin digits of a valid کد ملی, or ``InvalidNationalId`` with a Persian message."""
    digits = _national_id_digits(code)
    if digits is None:
        raise InvalidNationalId(NATIONAL_ID_MESSAGE)
    return digits


def normalize_mobile(value: str | int) -> str:
    """``+98 912 345 6789``, ``0098-912-345-6789``, ``(0912) 345 6789``, ``۹۱۲۳۴۵۶۷۸۹`` → ``09123456789``."""
    digits = _MOBILE_NOISE.sub("", to_latin_digits(value))
    if digits.startswith("+98"):
        digits = digits[3:]
    elif digits.startswith("0098"):
        digits = digits[4:]
    elif digits.startswith("98") and len(digits) >= 12:
        # Only when something is left after it: 98… of ten digits is a number without its leading 0.
        digits = digits[2:]
    if len(digits) == 10 and digits.startswith("9"):
        digits = "0" + digits
    if not (len(digits) == 11 and digits.startswith("09") and _ASCII_DIGITS.fullmatch(digits)):
        raise InvalidMobile(MOBILE_MESSAGE)
    return digits


__all__ = ["is_valid_national_id", "normalize_mobile", "normalize_national_id"]
