"""Jalali (Solar Hijri) dates in and out, over jdatetime; stored values stay Gregorian ``date``/``datetime``.

Month and weekday names are ours, not jdatetime's: its locale is set per thread (``jdatetime.set_locale``),
so a server thread that never set it would print English names. Leap years are jdatetime's (its 33-year
arithmetic rule: 1399 and 1403 are leap years, 1402 and 1404 are not).
"""

from __future__ import annotations

import datetime as dt
import re

import jdatetime

from hamafza.persian.digits import to_latin_digits, to_persian_digits
from hamafza.persian.errors import InvalidJalaliDate
from hamafza.persian.text import normalize

JALALI_MONTHS: tuple[str, ...] = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
# In the order of the Persian week, which is also jdatetime's ``weekday()``: Saturday is 0.
JALALI_WEEKDAYS: tuple[str, ...] = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")

MIN_YEAR, MAX_YEAR = 1300, 1500
STYLES = ("short", "long", "full")

_DATE = r"([0-9]{4})\s*[/\-.]\s*([0-9]{1,2})\s*[/\-.]\s*([0-9]{1,2})"
_TIME = r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?"
_DATE_ONLY = re.compile(_DATE)
# Between date and time people put a space, a comma, the word «ساعت», or ISO's T.
_DATE_TIME = re.compile(f"{_DATE}(?:(?:\\s*[,،]\\s*|\\s+|T)(?:ساعت\\s*)?{_TIME})?")

_DATE_FORMAT_MESSAGE = "تاریخ را به شکل ۱۴۰۳/۰۲/۱۵ وارد کنید."
_DATETIME_FORMAT_MESSAGE = "تاریخ و ساعت را به شکل ۱۴۰۳/۰۲/۱۵ ۱۴:۳۰ وارد کنید."
_TIME_MESSAGE = "ساعت باید بین ۰۰:۰۰ و ۲۳:۵۹ باشد."


def is_leap_year(year: int) -> bool:
    """Whether the Jalali ``year`` is a leap year (its Esfand has 30 days)."""
    return bool(jdatetime.date(year, 1, 1).isleap())


def days_in_month(year: int, month: int) -> int:
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, not {month}")
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap_year(year) else 29


def _fa(number: int) -> str:
    return to_persian_digits(number)


def _checked(year: int, month: int, day: int) -> dt.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        if 1900 <= year <= 2100:
            raise InvalidJalaliDate(
                f"سال {_fa(year)} میلادی به نظر می‌رسد؛ تاریخ را خورشیدی وارد کنید، مانند ۱۴۰۳/۰۲/۱۵."
            )
        raise InvalidJalaliDate(f"سال {_fa(year)} پذیرفتنی نیست؛ سال باید میان {_fa(MIN_YEAR)} و {_fa(MAX_YEAR)} باشد.")
    if not 1 <= month <= 12:
        raise InvalidJalaliDate(f"ماه {_fa(month)} وجود ندارد؛ ماه باید عددی از ۱ تا ۱۲ باشد.")
    limit = days_in_month(year, month)
    if not 1 <= day <= limit:
        if month == 12 and day == 30:
            raise InvalidJalaliDate(f"سال {_fa(year)} کبیسه نیست و اسفند آن ۲۹ روز دارد.")
        name = JALALI_MONTHS[month - 1]
        # Only Esfand's length depends on the year, so only there is the year named.
        month_of = f"{name} سال {_fa(year)}" if month == 12 else name
        raise InvalidJalaliDate(f"روز {_fa(day)} در {name} وجود ندارد؛ {month_of} تنها {_fa(limit)} روز دارد.")
    gregorian = jdatetime.date(year, month, day).togregorian()
    # Rebuilt from its parts so the type is a plain datetime.date whatever jdatetime returns.
    return dt.date(gregorian.year, gregorian.month, gregorian.day)


def _prepared(text: str) -> str:
    # normalize() drops the bidi marks that copy-paste brings and folds wide digits; then one digit script.
    return to_latin_digits(normalize(text))


def parse_jalali_date(text: str) -> dt.date:
    """``۱۴۰۳/۱۲/۳۰``, ``1403-12-30``, ``١٤٠٣/١٢/٣٠``, ``1403/1/5`` → the Gregorian ``date``.

    Raises ``InvalidJalaliDate`` with a Persian message that says what is wrong: the format, the year, the
    month, or the day (naming the month's length, and the leap rule for the 30th of Esfand).
    """
    match = _DATE_ONLY.fullmatch(_prepared(text))
    if match is None:
        raise InvalidJalaliDate(_DATE_FORMAT_MESSAGE)
    year, month, day = (int(part) for part in match.groups())
    return _checked(year, month, day)


def parse_jalali_datetime(text: str) -> dt.datetime:
    """A Jalali date, optionally with a time (``۱۴۰۳/۱۲/۳۰ ۱۴:۳۰``, ``… ساعت ۱۴:۳۰:۰۵``): a naive datetime."""
    prepared = _prepared(text)
    match = _DATE_TIME.fullmatch(prepared)
    if match is None:
        date_part = _DATE_ONLY.match(prepared)
        raise InvalidJalaliDate(_DATETIME_FORMAT_MESSAGE if date_part else _DATE_FORMAT_MESSAGE)
    year, month, day, hour, minute, second = (int(part) if part else 0 for part in match.groups())
    date = _checked(year, month, day)
    if hour > 23 or minute > 59 or second > 59:
        raise InvalidJalaliDate(_TIME_MESSAGE)
    return dt.datetime.combine(date, dt.time(hour, minute, second))


def to_jalali(value: dt.date) -> jdatetime.date:
    """The Jalali date of a Gregorian ``date`` (or of a ``datetime``'s own wall-clock date)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return jdatetime.date.fromgregorian(date=value)


def format_jalali_date(value: dt.date, style: str = "short") -> str:
    """short ``۱۴۰۳/۱۲/۳۰``, long ``۳۰ اسفند ۱۴۰۳``, full ``پنجشنبه ۳۰ اسفند ۱۴۰۳``.

    A datetime gives its own (wall-clock) date.
    """
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}")
    jalali = to_jalali(value)
    year, month, day = int(jalali.year), int(jalali.month), int(jalali.day)
    if style == "short":
        return to_persian_digits(f"{year:04d}/{month:02d}/{day:02d}")
    text = f"{_fa(day)} {JALALI_MONTHS[month - 1]} {_fa(year)}"
    if style == "full":
        return f"{JALALI_WEEKDAYS[int(jalali.weekday())]} {text}"
    return text


def format_jalali_datetime(value: dt.datetime, style: str = "short") -> str:
    """``۱۴۰۳/۱۲/۳۰ ساعت ۱۴:۳۰`` from the wall clock of ``value`` as given, naive or aware.

    Time-zone conversion is the caller's: an aware value is shown in its own zone, so convert it to local
    time first.
    """
    clock = to_persian_digits(f"{value.hour:02d}:{value.minute:02d}")
    return f"{format_jalali_date(value, style)} ساعت {clock}"


__all__ = [
    "JALALI_MONTHS",
    "JALALI_WEEKDAYS",
    "days_in_month",
    "format_jalali_date",
    "format_jalali_datetime",
    "is_leap_year",
    "parse_jalali_date",
    "parse_jalali_datetime",
    "to_jalali",
]
