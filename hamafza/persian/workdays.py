"""Working days: deadlines "in N working days" and "answered within N working days", pure Python.

Conventions (the same everywhere in Hamafza):

* weekend days are *Python* weekday numbers of the Gregorian date (Monday = 0 … Friday = 4, Saturday = 5);
  Iran's weekend is Friday, so the default is ``frozenset({4})``. (jdatetime's own ``weekday()`` counts from
  Saturday; we never use it here, so one number means one day whatever the type of the date.)
* holidays may be given as Gregorian ``datetime.date`` and/or ``jdatetime.date`` values, mixed in one set;
  both are compared as the Gregorian day they name.
* the start day is never counted: 1 working day after Wednesday is Thursday (or the next working day).
  0 working days is the start itself, even if it is a holiday.
* negative ``days`` count backwards: -1 is the last working day before ``start``.
* the result has the type of ``start``: a ``jdatetime.date`` in, a ``jdatetime.date`` out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypeVar

import jdatetime

IRAN_WEEKEND: frozenset[int] = frozenset({4})

D = TypeVar("D", dt.date, jdatetime.date)

_ONE_DAY = dt.timedelta(days=1)


def _gregorian(value: dt.date | jdatetime.date) -> dt.date:
    # datetime is a subclass of date; a deadline counts days, so a moment is refused rather than truncated silently.
    if isinstance(value, dt.datetime | jdatetime.datetime):
        raise TypeError("working days are counted between dates, not datetimes")
    if isinstance(value, jdatetime.date):
        return value.togregorian()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"expected a date or jdatetime.date, not {type(value).__name__}")


def _holiday_set(holidays: Iterable[dt.date | jdatetime.date]) -> frozenset[dt.date]:
    return frozenset(_gregorian(day) for day in holidays)


def _checked_weekend(weekend: Iterable[int]) -> frozenset[int]:
    days = frozenset(weekend)
    if not days <= set(range(7)):
        raise ValueError("weekend days are Python weekday numbers 0..6 (Monday = 0, Friday = 4)")
    if len(days) == 7:
        raise ValueError("a week needs at least one working day")
    return days


def _as_type_of(start: D, day: dt.date) -> D:
    if isinstance(start, jdatetime.date):
        return jdatetime.date.fromgregorian(date=day)  # type: ignore[return-value]
    return day  # type: ignore[return-value]


def is_working_day(
    day: dt.date | jdatetime.date,
    *,
    weekend: Iterable[int] = IRAN_WEEKEND,
    holidays: Iterable[dt.date | jdatetime.date] = frozenset(),
) -> bool:
    gregorian = _gregorian(day)
    return gregorian.weekday() not in _checked_weekend(weekend) and gregorian not in _holiday_set(holidays)


def add_working_days(
    start: D,
    days: int,
    *,
    weekend: Iterable[int] = IRAN_WEEKEND,
    holidays: Iterable[dt.date | jdatetime.date] = frozenset(),
) -> D:
    """The date ``days`` working days after ``start`` (before it when negative); the start day is not counted.

    5 working days from Monday 1404/12/25, with 1404/12/29 and 1405/01/01–04 as holidays, is Thursday 1405/01/06.
    """
    weekend_days = _checked_weekend(weekend)
    off = _holiday_set(holidays)
    day = _gregorian(start)
    step = _ONE_DAY if days >= 0 else -_ONE_DAY
    remaining = abs(int(days))
    working_per_week = 7 - len(weekend_days)
    # Jump whole weeks while no holiday can be in the way: a deadline of 400 working days costs ~60 steps, not 560.
    while remaining > working_per_week:
        week_later = day + 7 * step
        low, high = (day, week_later) if step > dt.timedelta(0) else (week_later, day)
        if any(low <= holiday <= high for holiday in off):
            break
        day = week_later
        remaining -= working_per_week
    while remaining:
        day += step
        if day.weekday() not in weekend_days and day not in off:
            remaining -= 1
    return _as_type_of(start, day)


def working_days_between(
    start: dt.date | jdatetime.date,
    end: dt.date | jdatetime.date,
    *,
    weekend: Iterable[int] = IRAN_WEEKEND,
    holidays: Iterable[dt.date | jdatetime.date] = frozenset(),
) -> int:
    """How many working days lie after ``start`` up to and including ``end``.

    When ``end`` is earlier the count is negative and runs the other way: the working days from ``end`` up to but
    not including ``start`` (the start day is never counted, in either direction).

    The inverse of ``add_working_days`` for working ends: ``working_days_between(s, add_working_days(s, n)) == n``.
    A request received on ``start`` and answered on ``end`` was "answered on time" when this is ≤ the allowance.
    """
    weekend_days = _checked_weekend(weekend)
    first, last = _gregorian(start), _gregorian(end)
    if last < first:
        return -working_days_between(last - _ONE_DAY, first - _ONE_DAY, weekend=weekend_days, holidays=holidays)
    total_days = (last - first).days
    weeks, rest = divmod(total_days, 7)
    count = weeks * (7 - len(weekend_days))
    day = first + dt.timedelta(days=weeks * 7)
    for _ in range(rest):
        day += _ONE_DAY
        if day.weekday() not in weekend_days:
            count += 1
    # A holiday on a weekend day is not a second day off.
    count -= sum(1 for h in _holiday_set(holidays) if first < h <= last and h.weekday() not in weekend_days)
    return count
