"""A Jalali month as weeks of days (Saturday first), each day with its activities."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import jdatetime
from django.utils import timezone

from hamafza.engagement.models import Activity
from hamafza.persian import JALALI_MONTHS, days_in_month


@dataclass
class Day:
    date: dt.date | None
    jday: int = 0
    is_today: bool = False
    activities: list[Activity] = field(default_factory=list)


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    weeks: list[list[Day]]
    title: str
    previous: tuple[int, int]
    next: tuple[int, int]


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = jdatetime.date(year, month, 1).togregorian()
    return first, first + dt.timedelta(days=days_in_month(year, month))


def current_month() -> tuple[int, int]:
    today = jdatetime.date.fromgregorian(date=timezone.localdate())
    return today.year, today.month


def build_month(year: int, month: int, activities: Iterable[Activity]) -> Month:
    first, _ = month_bounds(year, month)
    by_day: dict[dt.date, list[Activity]] = defaultdict(list)
    for activity in activities:
        by_day[timezone.localtime(activity.starts_at).date()].append(activity)
    today = timezone.localdate()
    # Python's Monday = 0 … Saturday = 5; a Persian week starts on Saturday.
    lead = (first.weekday() - 5) % 7
    cells = [Day(None) for _ in range(lead)]
    for offset in range(days_in_month(year, month)):
        date = first + dt.timedelta(days=offset)
        cells.append(Day(date, offset + 1, date == today, by_day.get(date, [])))
    while len(cells) % 7:
        cells.append(Day(None))
    weeks = [cells[i : i + 7] for i in range(0, len(cells), 7)]
    previous = (year, month - 1) if month > 1 else (year - 1, 12)
    following = (year, month + 1) if month < 12 else (year + 1, 1)
    return Month(year, month, weeks, f"{JALALI_MONTHS[month - 1]} {year}", previous, following)
