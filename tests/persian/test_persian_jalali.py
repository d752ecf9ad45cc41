"""Jalali dates: parsing what people type, formatting what we show."""

from __future__ import annotations

import datetime as dt
import threading

import jdatetime
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamafza.persian import (
    JALALI_MONTHS,
    JALALI_WEEKDAYS,
    InvalidJalaliDate,
    PersianInputError,
    days_in_month,
    format_jalali_date,
    format_jalali_datetime,
    is_leap_year,
    parse_jalali_date,
    parse_jalali_datetime,
    to_jalali,
    to_latin_digits,
)

PROPERTY = settings(max_examples=300, deadline=None, database=None)
NOWRUZ_1404_EVE = dt.date(2025, 3, 20)  # ۱۴۰۳/۱۲/۳۰, a Thursday
FORMAT_MESSAGE = "تاریخ را به شکل ۱۴۰۳/۰۲/۱۵ وارد کنید."
# 1300/01/01 … 1500/12/29 in Gregorian terms.
supported_dates = st.dates(dt.date(1921, 3, 21), dt.date(2122, 3, 20))


def refusal(text: str) -> str:
    with pytest.raises(InvalidJalaliDate) as caught:
        parse_jalali_date(text)
    return str(caught.value)


@pytest.mark.parametrize(
    "typed", ["۱۴۰۳/۱۲/۳۰", "1403-12-30", "١٤٠٣/١٢/٣٠", "  ۱۴۰۳/۱۲/۳۰ ", "1403.12.30", "۱۴۰۳ / ۱۲ / ۳۰"]
)
def test_parse_jalali_date_accepts_any_digits_and_separators(typed: str) -> None:
    assert parse_jalali_date(typed) == NOWRUZ_1404_EVE


def test_parse_jalali_date_accepts_single_digit_month_and_day() -> None:
    assert parse_jalali_date("1403/1/1") == dt.date(2024, 3, 20)
    assert parse_jalali_date("۱۴۰۲/۷/۹") == dt.date(2023, 10, 1)


def test_parse_jalali_date_ignores_bidi_marks_copied_with_the_date() -> None:
    assert parse_jalali_date("\u200f۱۴۰۳/۱۲/۳۰\u200f") == NOWRUZ_1404_EVE


def test_the_thirtieth_of_esfand_exists_in_a_leap_year() -> None:
    assert is_leap_year(1403)
    assert parse_jalali_date("1403/12/30") == NOWRUZ_1404_EVE


def test_the_thirtieth_of_esfand_is_refused_in_a_common_year_naming_the_leap_rule() -> None:
    assert not is_leap_year(1402)
    assert refusal("۱۴۰۲/۱۲/۳۰") == "سال ۱۴۰۲ کبیسه نیست و اسفند آن ۲۹ روز دارد."
    assert parse_jalali_date("1402/12/29") == dt.date(2024, 3, 19)


@pytest.mark.parametrize("typed", ["1403/13/01", "1403/0/10", "۱۴۰۳/۹۹/۰۱"])
def test_a_month_out_of_range_is_refused_with_a_month_message(typed: str) -> None:
    message = refusal(typed)
    assert "ماه باید عددی از ۱ تا ۱۲ باشد" in message


@pytest.mark.parametrize(
    ("typed", "length"),
    [("1403/01/32", "۳۱"), ("1403/07/31", "۳۰"), ("1403/11/31", "۳۰"), ("1403/12/31", "۳۰"), ("1403/05/00", "۳۱")],
)
def test_a_day_out_of_range_is_refused_naming_the_months_length(typed: str, length: str) -> None:
    message = refusal(typed)
    month = JALALI_MONTHS[int(typed.split("/")[1]) - 1]
    assert month in message
    assert f"تنها {length} روز دارد" in message


@pytest.mark.parametrize(
    "typed", ["", "abc", "1403/12", "1403/12/30/1", "03/12/30", "30/12/1403", "1403/12/30 14:30", "۱۴۰۳-۱۲-۳۰ب"]
)
def test_a_date_in_the_wrong_format_is_refused_with_an_example_of_the_right_one(typed: str) -> None:
    assert refusal(typed) == FORMAT_MESSAGE


def test_a_year_outside_the_plausible_range_is_refused() -> None:
    assert "سال ۱۲۹۹ پذیرفتنی نیست" in refusal("1299/01/01")
    assert "سال ۱۵۰۱ پذیرفتنی نیست" in refusal("1501/01/01")


def test_a_gregorian_year_is_recognized_as_such() -> None:
    assert "میلادی" in refusal("2025/03/20")


def test_date_errors_are_persian_input_errors_and_value_errors() -> None:
    with pytest.raises(PersianInputError):
        parse_jalali_date("1403/13/01")
    with pytest.raises(ValueError):
        parse_jalali_date("x")


@PROPERTY
@given(st.text(alphabet=st.sampled_from("۰۱۲۳۴۰1234/-. :"), max_size=14) | st.text(max_size=14))
def test_parse_jalali_date_raises_nothing_but_invalid_jalali_date(text: str) -> None:
    try:
        parse_jalali_date(text)
    except InvalidJalaliDate as error:
        assert str(error)


def test_parse_jalali_datetime_reads_an_optional_time() -> None:
    assert parse_jalali_datetime("۱۴۰۳/۱۲/۳۰ ۱۴:۳۰") == dt.datetime(2025, 3, 20, 14, 30)
    assert parse_jalali_datetime("1403-12-30T09:05:07") == dt.datetime(2025, 3, 20, 9, 5, 7)
    assert parse_jalali_datetime("۱۴۰۳/۱۲/۳۰، ساعت ۸:۰۰") == dt.datetime(2025, 3, 20, 8, 0)
    assert parse_jalali_datetime(" ١٤٠٣/١٢/٣٠ ") == dt.datetime(2025, 3, 20, 0, 0)


def test_parse_jalali_datetime_returns_a_naive_value() -> None:
    assert parse_jalali_datetime("۱۴۰۳/۱۲/۳۰ ۱۴:۳۰").tzinfo is None


def test_parse_jalali_datetime_refuses_an_impossible_time() -> None:
    for typed in ("۱۴۰۳/۱۲/۳۰ ۲۴:۰۰", "1403/12/30 12:60"):
        with pytest.raises(InvalidJalaliDate, match="ساعت باید"):
            parse_jalali_datetime(typed)


def test_parse_jalali_datetime_tells_a_bad_time_from_a_bad_date() -> None:
    with pytest.raises(InvalidJalaliDate, match="تاریخ و ساعت را به شکل"):
        parse_jalali_datetime("1403/12/30 14")
    with pytest.raises(InvalidJalaliDate, match="کبیسه"):
        parse_jalali_datetime("1402/12/30 14:30")
    with pytest.raises(InvalidJalaliDate) as caught:
        parse_jalali_datetime("سلام")
    assert str(caught.value) == FORMAT_MESSAGE


def test_format_jalali_date_short_style_uses_persian_digits_and_zero_padding() -> None:
    assert format_jalali_date(NOWRUZ_1404_EVE) == "۱۴۰۳/۱۲/۳۰"
    assert format_jalali_date(dt.date(2024, 3, 20)) == "۱۴۰۳/۰۱/۰۱"


def test_format_jalali_date_long_style_names_the_month() -> None:
    assert format_jalali_date(NOWRUZ_1404_EVE, style="long") == "۳۰ اسفند ۱۴۰۳"
    assert format_jalali_date(dt.date(2024, 3, 20), style="long") == "۱ فروردین ۱۴۰۳"


def test_format_jalali_date_full_style_names_the_weekday() -> None:
    assert format_jalali_date(NOWRUZ_1404_EVE, style="full") == "پنجشنبه ۳۰ اسفند ۱۴۰۳"
    assert format_jalali_date(dt.date(2025, 3, 22), style="full").startswith("شنبه ")


def test_format_jalali_date_refuses_an_unknown_style() -> None:
    with pytest.raises(ValueError):
        format_jalali_date(NOWRUZ_1404_EVE, style="medium")


def test_format_jalali_datetime_shows_the_wall_clock_of_naive_and_aware_values() -> None:
    naive = dt.datetime(2025, 3, 20, 14, 30)
    aware = dt.datetime(2025, 3, 20, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=3, minutes=30)))
    assert format_jalali_datetime(naive) == "۱۴۰۳/۱۲/۳۰ ساعت ۱۴:۳۰"
    assert format_jalali_datetime(aware) == "۱۴۰۳/۱۲/۳۰ ساعت ۱۴:۳۰"
    assert format_jalali_datetime(dt.datetime(2025, 3, 20, 8, 5), style="long") == "۳۰ اسفند ۱۴۰۳ ساعت ۰۸:۰۵"


def test_formatting_does_not_depend_on_the_jdatetime_locale_of_the_thread() -> None:
    shown: list[str] = []

    def in_another_thread() -> None:
        jdatetime.set_locale("fa_IR")
        shown.append(format_jalali_date(NOWRUZ_1404_EVE, style="long"))

    worker = threading.Thread(target=in_another_thread)
    worker.start()
    worker.join()
    assert shown == [format_jalali_date(NOWRUZ_1404_EVE, style="long")] == ["۳۰ اسفند ۱۴۰۳"]


def test_month_and_weekday_names_are_persian_and_in_calendar_order() -> None:
    assert JALALI_MONTHS == (
        "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
        "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
    )  # fmt: skip
    assert JALALI_WEEKDAYS[0] == "شنبه" and JALALI_WEEKDAYS[-1] == "جمعه" and len(JALALI_WEEKDAYS) == 7


def test_to_jalali_gives_a_jdatetime_date_for_dates_and_datetimes() -> None:
    for value in (NOWRUZ_1404_EVE, dt.datetime(2025, 3, 20, 23, 59)):
        jalali = to_jalali(value)
        assert isinstance(jalali, jdatetime.date)
        assert (jalali.year, jalali.month, jalali.day) == (1403, 12, 30)


def test_days_in_month_follows_the_calendar() -> None:
    assert [days_in_month(1403, month) for month in range(1, 13)] == [31] * 6 + [30] * 6
    assert days_in_month(1402, 12) == 29
    with pytest.raises(ValueError):
        days_in_month(1403, 13)


@PROPERTY
@given(supported_dates, st.sampled_from(["۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩", "0123456789"]))
def test_every_supported_date_survives_formatting_and_parsing_in_any_digits(date: dt.date, digits: str) -> None:
    shown = to_latin_digits(format_jalali_date(date)).translate(str.maketrans("0123456789", digits))
    assert parse_jalali_date(shown) == date
    assert parse_jalali_datetime(shown + " 23:59") == dt.datetime.combine(date, dt.time(23, 59))


@PROPERTY
@given(supported_dates)
def test_the_long_style_names_the_same_day_as_the_short_style(date: dt.date) -> None:
    year, month, day = to_latin_digits(format_jalali_date(date)).split("/")
    long_day, long_month, long_year = to_latin_digits(format_jalali_date(date, "long")).split(" ")
    assert (int(long_day), JALALI_MONTHS.index(long_month) + 1, long_year) == (int(day), int(month), year)
