"""A Jalali month as weeks of days (Saturday first), each day with its activities."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import jdatetime
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone

from hamafza.engagement.models import Activity
from hamafza.persian import JALALI_MONTHS, days_in_month

# A day's cell lists its first few activities; the rest are counted and one click away (the activities of that
# day). A system administrator's month at national scale held ~14,000: a 2.8 MB page that took 2.3 s.
DAY_LIMIT = 4


@dataclass
class Day:
    date: dt.date | None
    jday: int = 0
    is_today: bool = False
    activities: list[Activity] = field(default_factory=list)
    total: int = 0  # every activity of the day, those listed included

    @property
    def more(self) -> int:
        return self.total - len(self.activities)

    @property
    def jalali(self) -> str:
        return jdatetime.date.fromgregorian(date=self.date).strftime("%Y/%m/%d") if self.date else ""


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


def month_activities(activities: QuerySet[Activity], year: int, month: int) -> tuple[list[Activity], dict[dt.date, int]]:
    """The first ``DAY_LIMIT`` activities of each day of the month (by time) and each day's count: two queries,
    whatever the month holds (a window function numbers each day's activities; a ``GROUP BY`` counts them)."""
    start, end = month_bounds(year, month)
    tz = timezone.get_current_timezone()
    in_month = activities.filter(
        starts_at__gte=dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        starts_at__lt=dt.datetime.combine(end, dt.time.min, tzinfo=tz),
    ).order_by()
    day = TruncDate("starts_at", tzinfo=tz)
    counts = {row["day"]: row["n"] for row in in_month.annotate(day=day).values("day").annotate(n=Count("id"))}
    numbered = in_month.annotate(
        nth_of_day=Window(RowNumber(), partition_by=[day], order_by=[F("starts_at").asc(), F("id").asc()])
    )
    first = list(numbered.filter(nth_of_day__lte=DAY_LIMIT).order_by("starts_at", "id"))
    return first, counts


def build_month(
    year: int, month: int, activities: Iterable[Activity], counts: dict[dt.date, int] | None = None
) -> Month:
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
        listed = by_day.get(date, [])
        total = counts.get(date, len(listed)) if counts is not None else len(listed)
        cells.append(Day(date, offset + 1, date == today, listed, total))
    while len(cells) % 7:
        cells.append(Day(None))
    weeks = [cells[i : i + 7] for i in range(0, len(cells), 7)]
    previous = (year, month - 1) if month > 1 else (year - 1, 12)
    following = (year, month + 1) if month < 12 else (year + 1, 1)
    return Month(year, month, weeks, f"{JALALI_MONTHS[month - 1]} {year}", previous, following)
