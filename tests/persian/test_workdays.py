"""Working days: deadlines counted past Fridays and official holidays, in Gregorian or Jalali dates."""

from __future__ import annotations

import datetime as dt

import jdatetime
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamafza.persian import add_working_days, is_working_day, working_days_between

PROPERTY = settings(max_examples=300, deadline=None, database=None)

NOWRUZ_1405 = frozenset({jdatetime.date(1404, 12, 29), *(jdatetime.date(1405, 1, day) for day in range(1, 5))})


def test_five_working_days_from_monday_esfand_25_skip_friday_and_nowruz() -> None:
    start = jdatetime.date(1404, 12, 25)
    assert start.togregorian().weekday() == 0  # Monday

    deadline = add_working_days(start, 5, holidays=NOWRUZ_1405)

    assert deadline == jdatetime.date(1405, 1, 6)
    assert isinstance(deadline, jdatetime.date)
    assert deadline.togregorian().weekday() == 3  # Thursday


def test_gregorian_start_gives_a_gregorian_deadline_and_holidays_may_be_mixed() -> None:
    holidays = {dt.date(2026, 3, 20), *(jdatetime.date(1405, 1, day) for day in range(1, 5))}

    deadline = add_working_days(dt.date(2026, 3, 16), 5, holidays=holidays)

    assert deadline == dt.date(2026, 3, 26)
    assert type(deadline) is dt.date


def test_the_start_day_is_not_counted_and_zero_days_is_the_start_itself() -> None:
    wednesday = dt.date(2026, 1, 7)
    assert add_working_days(wednesday, 1) == dt.date(2026, 1, 8)  # Thursday works in Iran
    assert add_working_days(wednesday, 2) == dt.date(2026, 1, 10)  # Friday skipped
    assert add_working_days(dt.date(2026, 1, 9), 0) == dt.date(2026, 1, 9)


def test_negative_days_count_backwards_to_a_working_day() -> None:
    saturday = dt.date(2026, 1, 10)
    assert add_working_days(saturday, -1) == dt.date(2026, 1, 8)  # Thursday, skipping Friday
    assert add_working_days(jdatetime.date(1405, 1, 6), -5, holidays=NOWRUZ_1405) == jdatetime.date(1404, 12, 25)


def test_a_custom_weekend_of_thursday_and_friday_is_honoured() -> None:
    wednesday = dt.date(2026, 1, 7)
    assert add_working_days(wednesday, 1, weekend=frozenset({3, 4})) == dt.date(2026, 1, 10)


def test_long_deadlines_jump_weeks_but_still_see_holidays() -> None:
    start = dt.date(2026, 1, 3)
    holiday = dt.date(2026, 6, 1)
    plain = add_working_days(start, 200)
    with_holiday = add_working_days(start, 200, holidays={holiday})
    assert working_days_between(start, plain) == 200
    assert with_holiday == add_working_days(plain, 1)


def test_bad_weekends_and_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(dt.date(2026, 1, 1), 3, weekend=frozenset(range(7)))
    with pytest.raises(ValueError):
        add_working_days(dt.date(2026, 1, 1), 3, weekend=frozenset({7}))
    with pytest.raises(TypeError):
        add_working_days(dt.datetime(2026, 1, 1, 10, 0), 3)  # type: ignore[type-var]


def test_working_days_between_counts_the_nowruz_gap() -> None:
    start = jdatetime.date(1404, 12, 25)
    assert working_days_between(start, jdatetime.date(1405, 1, 6), holidays=NOWRUZ_1405) == 5
    assert working_days_between(start, start) == 0
    assert working_days_between(jdatetime.date(1405, 1, 6), start, holidays=NOWRUZ_1405) == -5


def test_is_working_day_knows_fridays_and_holidays() -> None:
    assert not is_working_day(dt.date(2026, 1, 9))  # Friday
    assert not is_working_day(jdatetime.date(1405, 1, 2), holidays=NOWRUZ_1405)
    assert is_working_day(jdatetime.date(1405, 1, 5), holidays=NOWRUZ_1405)


dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
weekends = st.frozensets(st.integers(0, 6), max_size=3)
holiday_sets = st.frozensets(dates, max_size=30)


@PROPERTY
@given(start=dates, days=st.integers(1, 400), weekend=weekends, holidays=holiday_sets)
def test_a_deadline_never_falls_on_a_weekend_or_holiday(
    start: dt.date, days: int, weekend: frozenset[int], holidays: frozenset[dt.date]
) -> None:
    for signed in (days, -days):
        deadline = add_working_days(start, signed, weekend=weekend, holidays=holidays)
        assert deadline.weekday() not in weekend
        assert deadline not in holidays


@PROPERTY
@given(start=dates, days=st.integers(0, 300), weekend=weekends, holidays=holiday_sets)
def test_more_working_days_never_give_an_earlier_deadline(
    start: dt.date, days: int, weekend: frozenset[int], holidays: frozenset[dt.date]
) -> None:
    earlier = add_working_days(start, days, weekend=weekend, holidays=holidays)
    later = add_working_days(start, days + 1, weekend=weekend, holidays=holidays)
    assert earlier < later


@PROPERTY
@given(start=dates, days=st.integers(-300, 300), weekend=weekends, holidays=holiday_sets)
def test_counting_between_undoes_adding(
    start: dt.date, days: int, weekend: frozenset[int], holidays: frozenset[dt.date]
) -> None:
    deadline = add_working_days(start, days, weekend=weekend, holidays=holidays)
    assert working_days_between(start, deadline, weekend=weekend, holidays=holidays) == days


@PROPERTY
@given(start=dates, days=st.integers(-120, 120), holidays=holiday_sets)
def test_jalali_and_gregorian_starts_give_the_same_day(start: dt.date, days: int, holidays: frozenset[dt.date]) -> None:
    jalali = add_working_days(jdatetime.date.fromgregorian(date=start), days, holidays=holidays)
    assert jalali.togregorian() == add_working_days(start, days, holidays=holidays)
