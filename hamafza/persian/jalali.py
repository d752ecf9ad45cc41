"""Jalali dates in and out, over jdatetime.

Month and weekday names are ours, not jdatetime's locale: ``jdatetime.set_locale`` is per thread, and a server
thread that never set it would print English names.
"""

from __future__ import annotations

import datetime as dt
import re

import jdatetime

from hamafza.persian.digits import to_latin_digits, to_persian_digits
from hamafza.persian.errors import InvalidJalaliDate

JALALI_MONTHS = (
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
# Python's weekday(): Monday is 0.
JALALI_WEEKDAYS = ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه")

MIN_YEAR, MAX_YEAR = 1300, 1500
_DATE = re.compile(r"^\s*(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$")
_DATETIME = re.compile(r"^\s*(\d{4}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{1,2})(?:\s+(?:ساعت\s+)?(\d{1,2}):(\d{2}))?\s*$")
_FORMAT_HINT = "تاریخ را به شکل ۱۴۰۳/۰۲/۱۵ (سال/ماه/روز) وارد کنید."


def is_leap_year(year: int) -> bool:
    return bool(jdatetime.date(year, 1, 1).isleap())


def days_in_month(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap_year(year) else 29


def _parse_parts(text: str) -> tuple[int, int, int]:
    match = _DATE.match(to_latin_digits(text or ""))
    if not match:
        raise InvalidJalaliDate(_FORMAT_HINT)
    year, month, day = (int(part) for part in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidJalaliDate(
            f"سال {to_persian_digits(year)} پذیرفتنی نیست؛ سال را چهاررقمی و خورشیدی وارد کنید (مانند ۱۴۰۳)."
        )
    if not 1 <= month <= 12:
        raise InvalidJalaliDate(f"ماه باید عددی از ۱ تا ۱۲ باشد؛ «{to_persian_digits(month)}» ماه نیست.")
    limit = days_in_month(year, month)
    if not 1 <= day <= limit:
        if month == 12 and day == 30:
            raise InvalidJalaliDate(
                f"سال {to_persian_digits(year)} کبیسه نیست و اسفند آن ۲۹ روز دارد."
            )
        raise InvalidJalaliDate(
            f"{JALALI_MONTHS[month - 1]} {to_persian_digits(limit)} روز دارد؛ روز {to_persian_digits(day)} در آن نیست."
        )
    return year, month, day


def parse_jalali_date(text: str) -> dt.date:
    """``۱۴۰۳/۱۲/۳۰``, ``1403-12-30``, ``١٤٠٣/١٢/٣٠`` → the Gregorian ``date``."""
    year, month, day = _parse_parts(text)
    return jdatetime.date(year, month, day).togregorian()


def parse_jalali_datetime(text: str) -> dt.datetime:
    """A Jalali date with an optional ``HH:MM`` (``۱۴۰۳/۰۲/۱۵ ۱۴:۳۰``) → a naive Gregorian ``datetime``."""
    match = _DATETIME.match(to_latin_digits(text or ""))
    if not match:
        raise InvalidJalaliDate("تاریخ و ساعت را به شکل ۱۴۰۳/۰۲/۱۵ ۱۴:۳۰ وارد کنید.")
    day = parse_jalali_date(match.group(1))
    hour, minute = int(match.group(2) or 0), int(match.group(3) or 0)
    if hour > 23 or minute > 59:
        raise InvalidJalaliDate("ساعت باید از ۰۰:۰۰ تا ۲۳:۵۹ باشد.")
    return dt.datetime.combine(day, dt.time(hour, minute))


def to_jalali(value: dt.date) -> jdatetime.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    return jdatetime.date.fromgregorian(date=value)


def format_jalali_date(value: dt.date, style: str = "short") -> str:
    """short: ``۱۴۰۳/۱۲/۳۰``; long: ``۳۰ اسفند ۱۴۰۳``; full: ``پنجشنبه ۳۰ اسفند ۱۴۰۳``."""
    j = to_jalali(value)
    if style == "short":
        return to_persian_digits(f"{j.year:04d}/{j.month:02d}/{j.day:02d}")
    text = f"{to_persian_digits(j.day)} {JALALI_MONTHS[j.month - 1]} {to_persian_digits(j.year)}"
    if style == "full":
        weekday = value.weekday() if not isinstance(value, dt.datetime) else value.date().weekday()
        return f"{JALALI_WEEKDAYS[weekday]} {text}"
    return text


def format_jalali_datetime(value: dt.datetime, style: str = "short") -> str:
    """The wall-clock time of ``value`` as given (convert aware values to local time first)."""
    return f"{format_jalali_date(value.date(), style)} ساعت {to_persian_digits(f'{value.hour:02d}:{value.minute:02d}')}"
