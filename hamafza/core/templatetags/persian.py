"""Template filters that show stored values the Persian way: Jalali dates and Persian digits.

Django's ``|date`` mangles jdatetime values, so dates are always formatted here, with jdatetime.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeData, mark_safe

from hamafza.persian import format_jalali_date, format_jalali_datetime, format_number, to_persian_digits

register = template.Library()


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


@register.filter
def jdate(value: Any, style: str = "short") -> str:
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    return format_jalali_date(value, style=style)


@register.filter
def jdatetime(value: Any, style: str = "short") -> str:
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        return format_jalali_datetime(_local(value), style=style)
    return format_jalali_date(value, style=style)


@register.filter
def fa_digits(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Promise):
        value = str(value)  # a lazy translation or lazily built help text: its safe-ness lives in the result
    shown = to_persian_digits(str(value))
    # Swapping digits adds no markup, so HTML that was safe (a password help list) stays safe.
    return mark_safe(shown) if isinstance(value, SafeData) else shown  # noqa: S308


@register.filter
def fa_number(value: Any, decimals: int | None = None) -> str:
    if value is None or value == "":
        return ""
    if decimals is None and isinstance(value, float) and value.is_integer():
        # 8.0 stored in a float column is the count 8, not «۸٫۰».
        value = int(value)
    return format_number(value, decimals)


@register.filter
def fa_percent(value: Any, decimals: int = 1) -> str:
    """A fraction (0.853) as a Persian percentage: ۸۵٫۳٪."""
    if value is None or value == "":
        return ""
    return f"{format_number(round(float(value) * 100, decimals))}٪"
