"""Official holidays: loading the calendar, and working days counted against it and the configured weekend."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

import jdatetime
from django.conf import settings
from django.db import transaction

from hamafza.core.audit import audit
from hamafza.holidays.calendar_data import OFFICIAL_HOLIDAYS
from hamafza.holidays.models import Holiday
from hamafza.persian import add_working_days, normalize, working_days_between
from hamafza.persian import is_working_day as _is_working_day

D = TypeVar("D", dt.date, jdatetime.date)


def weekend() -> frozenset[int]:
    return frozenset(getattr(settings, "HAMAFZA_WEEKEND", {4}))


def official_holidays(start: dt.date | None = None, end: dt.date | None = None) -> frozenset[dt.date]:
    days = Holiday.objects.filter(is_official=True)
    if start is not None:
        days = days.filter(date__gte=start)
    if end is not None:
        days = days.filter(date__lte=end)
    return frozenset(days.values_list("date", flat=True))


def working_days_add(start: D, days: int) -> D:
    """``start`` plus ``days`` working days under the configured weekend and the official holidays table."""
    # The whole table is a few dozen rows a year; one query, no per-day lookups.
    return add_working_days(start, days, weekend=weekend(), holidays=official_holidays())


def working_days_count(start: dt.date | jdatetime.date, end: dt.date | jdatetime.date) -> int:
    """Working days after ``start`` up to ``end`` ("answered within N working days" statistics)."""
    return working_days_between(start, end, weekend=weekend(), holidays=official_holidays())


def is_working_day(day: dt.date | jdatetime.date) -> bool:
    gregorian = day.togregorian() if isinstance(day, jdatetime.date) else day
    return _is_working_day(gregorian, weekend=weekend(), holidays=official_holidays(gregorian, gregorian))


@transaction.atomic
def holidays_load_official(*, by: Any = None) -> int:
    """Add the official calendar's days that are missing; never overwrite a row an administrator edited."""
    existing = set(Holiday.objects.values_list("date", flat=True))
    new = []
    for year, month, day, title in OFFICIAL_HOLIDAYS:
        date = jdatetime.date(year, month, day).togregorian()
        if date not in existing:
            new.append(Holiday(date=date, title=normalize(title), is_official=True))
            existing.add(date)
    Holiday.objects.bulk_create(new)
    if new:
        audit(actor=by, action="holidays.loaded", data={"added": len(new)})
    return len(new)


@transaction.atomic
def holiday_add(*, date: dt.date, title: str, by: Any, is_official: bool = True) -> Holiday:
    holiday, _ = Holiday.objects.update_or_create(
        date=date, defaults={"title": normalize(title), "is_official": is_official}
    )
    audit(actor=by, action="holidays.saved", target=holiday, data={"date": date, "official": is_official})
    return holiday
