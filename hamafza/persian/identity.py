"""Iranian national IDs (کد ملی) and mobile numbers, typed in any digits."""

from __future__ import annotations

import re

from hamafza.persian.digits import to_latin_digits
from hamafza.persian.errors import InvalidMobile, InvalidNationalId

_SEPARATORS = re.compile(r"[\s\-_.()/]+")


def _digits_only(value: str) -> str:
    return _SEPARATORS.sub("", to_latin_digits(str(value)))


def _national_id_digits(code: str) -> str | None:
    digits = _digits_only(code)
    if not digits.isdigit() or not 8 <= len(digits) <= 10:
        return None
    # Spreadsheets drop leading zeros: 0499370899 arrives as 499370899.
    digits = digits.zfill(10)
    if len(set(digits)) == 1:
        return None
    total = sum(int(digits[i]) * (10 - i) for i in range(9)) % 11
    check = int(digits[9])
    valid = check == total if total < 2 else check == 11 - total
    return digits if valid else None


def is_valid_national_id(code: str) -> bool:
    return _national_id_digits(code) is not None


def normalize_national_id(code: str) -> str:
    digits = _national_id_digits(code)
    if digits is None:
        raise InvalidNationalId("کد ملی واردشده معتبر نیست. کد ملی ده رقم دارد و رقم آخر آن رقم کنترل است.")
    return digits


def normalize_mobile(value: str) -> str:
    """``+98 912 345 6789``, ``00989123456789``, ``۹۱۲۳۴۵۶۷۸۹`` … → ``09123456789``."""
    digits = _digits_only(value)
    if digits.startswith("+"):
        digits = digits[1:]
    for prefix in ("0098", "98"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 10:
            digits = digits[len(prefix) :]
            break
    if len(digits) == 10 and digits.startswith("9"):
        digits = "0" + digits
    if not (len(digits) == 11 and digits.startswith("09") and digits.isdigit()):
        raise InvalidMobile("شماره همراه باید به شکل ۰۹۱۲۳۴۵۶۷۸۹ باشد (یازده رقم، با ۰۹ در آغاز).")
    return digits
