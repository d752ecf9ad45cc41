"""Iranian national IDs (کد ملی) and mobile numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamafza.persian import (
    InvalidMobile,
    InvalidNationalId,
    PersianInputError,
    is_valid_national_id,
    normalize_mobile,
    normalize_national_id,
    to_persian_digits,
)

PROPERTY = settings(max_examples=300, deadline=None, database=None)


def test_a_national_id_with_a_right_check_digit_is_valid() -> None:
    assert is_valid_national_id("0499370899")


def test_a_national_id_with_a_wrong_check_digit_is_invalid() -> None:
    assert not is_valid_national_id("0499370898")


def test_a_national_id_whose_remainder_is_below_two_uses_the_remainder_as_check_digit() -> None:
    # 1×3 + 4×2 = 11 leaves remainder 0; 6×2 = 12 leaves remainder 1.
    assert is_valid_national_id("0000000140")
    assert not is_valid_national_id("0000000149")
    assert is_valid_national_id("0000000061")
    assert not is_valid_national_id("0000000060")


def test_a_national_id_may_be_typed_in_persian_or_arabic_digits_with_spaces_and_dashes() -> None:
    assert is_valid_national_id("۰۴۹۹۳۷۰۸۹۹")
    assert is_valid_national_id("٠٤٩٩٣٧٠٨٩٩")
    assert is_valid_national_id(" 049-937089-9 ")
    assert is_valid_national_id("۰۴۹ ۹۳۷ ۰۸۹۹\u200f")


def test_a_national_id_that_lost_its_leading_zeros_in_a_spreadsheet_is_padded() -> None:
    assert normalize_national_id("499370899") == "0499370899"
    assert normalize_national_id(499370899) == "0499370899"
    assert normalize_national_id("12345679") == "0012345679"


@pytest.mark.parametrize("code", ["0000000000", "1111111111", "5555555555", "00000000"])
def test_a_national_id_of_one_repeated_digit_is_invalid_even_though_its_checksum_passes(code: str) -> None:
    assert not is_valid_national_id(code)


@pytest.mark.parametrize("code", ["", "1234567", "04993708990", "049937089x", "04993708.9", "abcdefghij", "²499370899"])
def test_a_national_id_of_the_wrong_length_or_with_letters_is_invalid(code: str) -> None:
    assert not is_valid_national_id(code)


def test_normalize_national_id_returns_ten_latin_digits() -> None:
    assert normalize_national_id("۰۴۹۹-۳۷۰۸۹۹") == "0499370899"


def test_normalize_national_id_raises_with_a_persian_message() -> None:
    with pytest.raises(InvalidNationalId) as caught:
        normalize_national_id("0499370898")
    assert "کد ملی واردشده معتبر نیست." in str(caught.value)
    assert isinstance(caught.value, PersianInputError) and isinstance(caught.value, ValueError)


@PROPERTY
@given(st.lists(st.integers(0, 9), min_size=9, max_size=9))
def test_every_nine_digit_prefix_has_exactly_one_valid_check_digit(prefix: list[int]) -> None:
    stem = "".join(map(str, prefix))
    valid = [digit for digit in "0123456789" if is_valid_national_id(stem + digit)]
    # For a stem of one repeated digit the checksum asks for that same digit again, and such codes are refused.
    assert len(valid) == (0 if len(set(stem)) == 1 else 1)


@PROPERTY
@given(st.text(max_size=15))
def test_is_valid_national_id_never_raises(text: str) -> None:
    assert is_valid_national_id(text) in (True, False)


MOBILE_FORMS = [
    "09123456789",
    "+98 912 345 6789",
    "+989123456789",
    "00989123456789",
    "0098 912 345 6789",
    "989123456789",
    "9123456789",
    "0912-345-6789",
    "(0912) 345 6789",
    "+98 (0) 912 345 6789",
    "۰۹۱۲۳۴۵۶۷۸۹",
    "٠٩١٢٣٤٥٦٧٨٩",
    "+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹",
    "\u200e+98 912 345 6789\u200e",
]


@pytest.mark.parametrize("typed", MOBILE_FORMS)
def test_normalize_mobile_accepts_every_usual_way_of_typing_a_mobile_number(typed: str) -> None:
    assert normalize_mobile(typed) == "09123456789"


@pytest.mark.parametrize(
    "typed",
    ["", "abc", "02112345678", "+98 21 1234 5678", "091234567", "091234567890", "+1 912 345 6789", "0912a456789"],
)
def test_normalize_mobile_refuses_what_is_not_an_iranian_mobile_number_in_persian(typed: str) -> None:
    with pytest.raises(InvalidMobile) as caught:
        normalize_mobile(typed)
    assert str(caught.value) == "شماره همراه باید به شکل ۰۹۱۲۳۴۵۶۷۸۹ باشد."
    assert isinstance(caught.value, PersianInputError)


@PROPERTY
@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.sampled_from(["+98 9", "00989", "09", "9", "98 9"]))
def test_normalize_mobile_gives_the_same_number_for_any_prefix_and_digits(tail: str, prefix: str) -> None:
    expected = "09" + tail
    assert normalize_mobile(prefix + tail) == expected
    assert normalize_mobile(to_persian_digits(prefix + tail)) == expected
