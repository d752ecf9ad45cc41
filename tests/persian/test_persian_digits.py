"""Digit conversion and Persian number formatting."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamafza.persian import format_number, to_latin_digits, to_persian_digits

PROPERTY = settings(max_examples=300, deadline=None, database=None)


def test_to_persian_digits_converts_latin_and_arabic_indic_digits() -> None:
    assert to_persian_digits("کد 0123456789 و ٠١٢٣٤٥٦٧٨٩") == "کد ۰۱۲۳۴۵۶۷۸۹ و ۰۱۲۳۴۵۶۷۸۹"


def test_to_latin_digits_converts_persian_and_arabic_indic_digits() -> None:
    assert to_latin_digits("۰۱۲۳۴۵۶۷۸۹ / ٠١٢٣٤٥٦٧٨٩") == "0123456789 / 0123456789"


def test_digit_conversion_accepts_any_object_through_str() -> None:
    assert to_persian_digits(1403) == "۱۴۰۳"
    assert to_persian_digits(Decimal("2.50")) == "۲.۵۰"
    assert to_latin_digits(None) == "None"


def test_digit_conversion_leaves_everything_else_alone() -> None:
    text = "abc ابپ ²½ １ -+.,"
    assert to_persian_digits(text) == text
    assert to_latin_digits(text) == text


@PROPERTY
@given(st.text())
def test_latin_and_persian_digits_convert_back_and_forth(text: str) -> None:
    assert to_latin_digits(to_persian_digits(text)) == to_latin_digits(text)
    assert to_persian_digits(to_latin_digits(text)) == to_persian_digits(text)
    assert len(to_persian_digits(text)) == len(text)


def test_format_number_groups_thousands_with_the_persian_separator() -> None:
    assert format_number(1234567) == "۱٬۲۳۴٬۵۶۷"
    assert format_number(999) == "۹۹۹"
    assert format_number(0) == "۰"
    assert format_number(-1234) == "-۱٬۲۳۴"


def test_format_number_uses_the_persian_decimal_separator() -> None:
    assert format_number(1234567.5) == "۱٬۲۳۴٬۵۶۷٫۵"
    assert format_number(0.1) == "۰٫۱"


def test_format_number_fixes_decimals_rounding_half_up() -> None:
    assert format_number(1234567.5, decimals=2) == "۱٬۲۳۴٬۵۶۷٫۵۰"
    assert format_number(2.5, decimals=0) == "۳"
    assert format_number(1.005, decimals=2) == "۱٫۰۱"
    assert format_number(-0.4, decimals=0) == "۰"


def test_format_number_accepts_decimals_and_typed_strings() -> None:
    assert format_number(Decimal("12345.60")) == "۱۲٬۳۴۵٫۶۰"
    assert format_number("۱۲۳۴٫۵") == "۱٬۲۳۴٫۵"
    assert format_number("1,234.5") == "۱٬۲۳۴٫۵"


def test_format_number_never_uses_exponent_notation() -> None:
    assert format_number(1e20) == "۱۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰"
    assert format_number(Decimal("1e30"), decimals=1).endswith("٬۰۰۰٫۰")


@pytest.mark.parametrize("bad", ["abc", "", float("nan"), float("inf"), Decimal("NaN")])
def test_format_number_refuses_what_is_not_a_finite_number_with_value_error(bad: object) -> None:
    with pytest.raises(ValueError):
        format_number(bad)  # type: ignore[arg-type]


@PROPERTY
@given(st.integers(-(10**15), 10**15))
def test_format_number_of_an_integer_reads_back_as_the_same_integer(number: int) -> None:
    text = format_number(number)
    assert set(text) <= set("-۰۱۲۳۴۵۶۷۸۹٬")
    assert int(to_latin_digits(text).replace("٬", "")) == number
    groups = text.lstrip("-").split("٬")
    assert all(len(group) == 3 for group in groups[1:]) and 1 <= len(groups[0]) <= 3
