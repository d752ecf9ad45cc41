"""search_key(): one key for every way the same words get typed."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from hamafza.persian import PERSIAN_ALPHABET, ZWNJ, normalize, search_key, to_persian_digits

PROPERTY = settings(max_examples=300, deadline=None, database=None)


def _presentation_forms() -> tuple[dict[tuple[str, str], str], set[str], set[str]]:
    """(letter, shape) → its presentation form, and which letters join forward / backward, from Unicode data."""
    forms: dict[tuple[str, str], str] = {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and parts[0] in ("<isolated>", "<final>", "<initial>", "<medial>"):
            forms.setdefault((chr(int(parts[1], 16)), parts[0]), chr(code))
    forward = {letter for letter, shape in forms if shape == "<initial>"}
    backward = {letter for letter, shape in forms if shape == "<final>"}
    return forms, forward, backward


FORMS, JOINS_FORWARD, JOINS_BACKWARD = _presentation_forms()
LETTERS = PERSIAN_ALPHABET  # ئ is left out on purpose: search_key folds it into ی


def shaped(text: str) -> str:
    """The text as legacy systems store it: one presentation form per glyph, breaks shown by shape, no ZWNJ."""
    out = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if (char, "<isolated>") not in FORMS:
            if char != ZWNJ:
                out.append(char)
            continue
        joins_before = before in JOINS_FORWARD and char in JOINS_BACKWARD
        joins_after = char in JOINS_FORWARD and after in JOINS_BACKWARD
        shape = {
            (True, True): "<medial>",
            (True, False): "<final>",
            (False, True): "<initial>",
            (False, False): "<isolated>",
        }[(joins_before, joins_after)]
        out.append(FORMS[(char, shape)])
    return "".join(out)


@st.composite
def persian_words(draw: st.DrawFn) -> str:
    letters = draw(st.lists(st.sampled_from(LETTERS), min_size=1, max_size=7))
    word = ""
    for index, letter in enumerate(letters):
        word += letter
        # ZWNJ where Persian puts it: after a letter that would otherwise join the next (می‌روم, کتاب‌ها).
        if index + 1 < len(letters) and letter in JOINS_FORWARD and draw(st.integers(0, 3)) == 0:
            word += ZWNJ
    return word


@st.composite
def phrases(draw: st.DrawFn) -> tuple[str, list[int]]:
    """Persian words and numbers; the numbers come back separately so each variant can write them its way."""
    words = draw(st.lists(persian_words(), min_size=1, max_size=4))
    numbers = draw(st.lists(st.integers(0, 10**6), max_size=2))
    return " ".join(words), numbers


def with_numbers(text: str, numbers: list[int], digits: str) -> str:
    table = str.maketrans("0123456789", digits)
    return " ".join([text, *(str(n).translate(table) for n in numbers)])


def test_search_key_makes_arabic_and_persian_yeh_equal() -> None:
    assert search_key("علي") == search_key("علی") == search_key("على")


def test_search_key_makes_arabic_and_persian_kaf_equal() -> None:
    assert search_key("كتاب") == search_key("کتاب")


def test_search_key_makes_presentation_forms_equal_to_plain_letters() -> None:
    assert search_key("ﻛﺘﺎﺏ") == search_key("کتاب") == "کتاب"


def test_search_key_makes_zwnj_and_space_equal() -> None:
    assert search_key("می‌خواهم") == search_key("می خواهم") == "می خواهم"


def test_search_key_keeps_a_word_written_without_any_break_distinct() -> None:
    # Documented limit: finding the word boundary in میخواهم would need a dictionary.
    assert search_key("میخواهم") != search_key("می خواهم")


def test_search_key_makes_persian_arabic_and_latin_digits_equal() -> None:
    assert search_key("۱۲۳") == search_key("١٢٣") == search_key("123") == "123"


def test_search_key_makes_both_spellings_of_yeh_with_hamza_equal() -> None:
    assert search_key("رئیس") == search_key("رییس")


def test_search_key_casefolds_latin_letters() -> None:
    assert search_key("TEHRAN Tehran") == "tehran tehran"


def test_search_key_ignores_harakat_tatweel_invisibles_and_extra_spaces() -> None:
    assert search_key("  مُحَمَّد\u200b   رضـــا\u200f ") == search_key("محمد رضا")


def test_search_key_still_tells_different_words_apart() -> None:
    assert search_key("کتاب") != search_key("کباب")
    assert search_key("آب") != search_key("اب")


@PROPERTY
@given(phrases())
def test_search_key_is_the_same_for_every_typed_variant_of_a_phrase(phrase: tuple[str, list[int]]) -> None:
    text, numbers = phrase
    expected = search_key(with_numbers(text, numbers, "0123456789"))
    variants = [
        with_numbers(text, numbers, "۰۱۲۳۴۵۶۷۸۹"),
        with_numbers(text, numbers, "٠١٢٣٤٥٦٧٨٩"),
        with_numbers(text.replace("ی", "ي").replace("ک", "ك"), numbers, "0123456789"),
        with_numbers(text.replace("ی", "ى"), numbers, "۰۱۲۳۴۵۶۷۸۹"),
        with_numbers(shaped(text), numbers, "۰۱۲۳۴۵۶۷۸۹"),
        with_numbers(text.replace(ZWNJ, " "), numbers, "٠١٢٣٤٥٦٧٨٩"),
        "  " + with_numbers(text.replace(" ", " \u200b\t "), numbers, "0123456789") + "\u200f ",
    ]
    for variant in variants:
        assert search_key(variant) == expected, variant


@PROPERTY
@given(persian_words())
def test_presentation_forms_normalize_back_to_the_word_with_its_zwnj(word: str) -> None:
    assert normalize(shaped(word)) == normalize(word)


@PROPERTY
@given(persian_words(), persian_words())
def test_search_key_differs_for_different_words(first: str, second: str) -> None:
    # Without this, a search_key that returned "" for everything would pass the tests above.
    if first.replace(ZWNJ, "") != second.replace(ZWNJ, ""):
        assert search_key(first) != search_key(second)


@PROPERTY
@given(st.text())
def test_search_key_is_idempotent(text: str) -> None:
    once = search_key(text)
    assert search_key(once) == once


@PROPERTY
@given(st.text(alphabet=st.sampled_from(LETTERS + ZWNJ + " ۰۱۲٠١٢012يكABC"), max_size=20))
def test_search_key_has_no_zwnj_non_latin_digits_or_capitals(text: str) -> None:
    key = search_key(text)
    assert ZWNJ not in key
    assert not set(key) & set("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩")
    assert key == key.casefold()
    assert to_persian_digits(key) == to_persian_digits(search_key(to_persian_digits(text)))
