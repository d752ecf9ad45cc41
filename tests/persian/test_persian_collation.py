"""Persian alphabetical order, in Python and as a database column."""

from __future__ import annotations

import itertools
import re
import sqlite3
from typing import TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from hamafza.persian import PERSIAN_ALPHABET, ZWNJ, collation_key, collation_key_str, normalize

PROPERTY = settings(max_examples=400, deadline=None, database=None)

# A small alphabet so that generated texts often tie at the first level and the tie-break gets exercised.
close_text = st.text(alphabet=st.sampled_from("ابپی ئ" + ZWNJ + "۱1١۲2aAbB(-é\u200b"), max_size=8)
any_text = st.one_of(close_text, st.text(max_size=12))
persian_words = st.text(alphabet=st.sampled_from(PERSIAN_ALPHABET + " " + ZWNJ), min_size=1, max_size=12)


Key = TypeVar("Key", tuple[tuple[int, ...], tuple[int, ...]], tuple[bool, ...], str)


def sign(a: Key, b: Key) -> int:
    return int(a > b) - int(a < b)


def test_collation_sorts_words_in_persian_alphabetical_order() -> None:
    words = ["گل", "کتاب", "پدر", "بابا", "یاس", "چای", "ژاله"]
    expected = ["بابا", "پدر", "چای", "ژاله", "کتاب", "گل", "یاس"]
    assert sorted(words, key=collation_key) == expected
    assert sorted(words, key=collation_key_str) == expected


def test_collation_puts_persian_only_letters_where_code_point_order_does_not() -> None:
    # پ چ ژ گ come after all the Arabic letters in Unicode, so plain sorted() puts پدر after تاج.
    words = ["لیلا", "گل", "ژاله", "زهره", "حسن", "چای", "تاج", "پدر"]
    expected = ["پدر", "تاج", "چای", "حسن", "زهره", "ژاله", "گل", "لیلا"]
    assert sorted(words) != expected
    assert sorted(words, key=collation_key) == expected
    assert sorted(words, key=collation_key_str) == expected


def test_collation_follows_the_whole_persian_alphabet() -> None:
    letters = list(PERSIAN_ALPHABET)
    assert "".join(sorted(reversed(letters), key=collation_key)) == "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"


def test_collation_puts_alef_madda_before_alef() -> None:
    assert sorted(["اب", "آب", "آبی", "ابر"], key=collation_key) == ["آب", "آبی", "اب", "ابر"]


def test_collation_puts_digits_before_letters_and_latin_after_persian() -> None:
    words = ["zebra", "ب", "۲", "apple", "ا", "10"]
    assert sorted(words, key=collation_key) == ["۲", "10", "ا", "ب", "apple", "zebra"]


def test_numbers_inside_names_sort_by_value_in_any_script() -> None:
    names = ["منطقه ۱۰", "منطقه ۲", "منطقه 3", "منطقه ۲۲", "منطقه ١"]
    expected = ["منطقه ١", "منطقه ۲", "منطقه 3", "منطقه ۱۰", "منطقه ۲۲"]
    assert sorted(names, key=collation_key) == expected
    assert sorted(names, key=collation_key_str) == expected


def test_collation_compares_digits_of_every_script_as_the_same_digits() -> None:
    assert sorted(["۳", "2", "١"], key=collation_key) == ["١", "2", "۳"]


def test_collation_ignores_spaces_and_zwnj_at_the_first_level() -> None:
    # Word-by-word order would put «می روم» first; ignoring the space compares میروم with میرا.
    assert sorted(["می روم", "میرا"], key=collation_key) == ["میرا", "می روم"]
    assert sorted(["می‌روم", "میرا"], key=collation_key_str) == ["میرا", "می‌روم"]


def test_collation_breaks_ties_the_same_way_whatever_the_input_order() -> None:
    tied = ["می روم", "می‌روم", "میروم", "Apple", "apple", "۱۲", "12", "١٢", "رئیس", "رییس"]
    results = {tuple(sorted(order, key=collation_key)) for order in itertools.permutations(tied[:4])}
    assert len(results) == 1
    assert sorted(tied, key=collation_key) == sorted(reversed(tied), key=collation_key)
    assert len({collation_key(text) for text in tied}) == len(tied)


def test_collation_breaks_ties_position_by_position_from_the_start() -> None:
    # As in the Unicode Collation Algorithm: the first character that differs in case decides, lower case first.
    assert sorted(["AB", "Ab", "aB", "ab"], key=collation_key) == ["ab", "aB", "Ab", "AB"]
    assert sorted(["AB", "Ab", "aB", "ab"], key=collation_key_str) == ["ab", "aB", "Ab", "AB"]


@PROPERTY
@given(st.text(alphabet="aA", min_size=1, max_size=6), st.text(alphabet="aA", min_size=1, max_size=6))
def test_collation_of_texts_differing_only_in_case_compares_case_from_the_start(first: str, second: str) -> None:
    if len(first) == len(second):
        expected = sign(tuple(c.isupper() for c in first), tuple(c.isupper() for c in second))
        assert sign(collation_key(first), collation_key(second)) == expected
        assert sign(collation_key_str(first), collation_key_str(second)) == expected


@PROPERTY
@given(any_text, st.sampled_from("ابیپa(-1۱A٢É"))
def test_a_text_sorts_before_itself_followed_by_one_more_character(text: str, more: str) -> None:
    assert collation_key(text) < collation_key(text + more)
    assert collation_key_str(text) < collation_key_str(text + more)


def test_collation_key_works_over_normalized_text() -> None:
    assert collation_key("كتاب") == collation_key("کتاب")
    assert collation_key_str("ﻛﺘﺎﺏ  ") == collation_key_str("کتاب")


@PROPERTY
@given(any_text, any_text)
def test_collation_keys_are_equal_exactly_when_the_normalized_texts_are(first: str, second: str) -> None:
    same_text = normalize(first) == normalize(second)
    assert (collation_key(first) == collation_key(second)) == same_text
    assert (collation_key_str(first) == collation_key_str(second)) == same_text


@PROPERTY
@given(any_text, any_text)
def test_collation_key_str_orders_every_pair_like_collation_key(first: str, second: str) -> None:
    assert sign(collation_key_str(first), collation_key_str(second)) == sign(
        collation_key(first), collation_key(second)
    )


@PROPERTY
@given(st.lists(persian_words, max_size=12))
def test_sorting_by_collation_key_str_agrees_with_collation_key(words: list[str]) -> None:
    assert sorted(words, key=collation_key_str) == sorted(words, key=collation_key)


@PROPERTY
@given(any_text)
def test_collation_key_str_is_plain_lowercase_ascii_alphanumerics(text: str) -> None:
    assert re.fullmatch("[0-9a-z]*", collation_key_str(text))


@PROPERTY
@given(st.lists(st.text(alphabet=st.sampled_from(PERSIAN_ALPHABET), min_size=1, max_size=5), max_size=4))
def test_collation_key_str_takes_two_characters_per_letter_plus_three_per_space(words: list[str]) -> None:
    text = " ".join(words)
    spaces = max(len(words) - 1, 0)
    assert len(collation_key_str(text)) == 2 * (len(text) - spaces) + (1 + 3 * spaces if spaces else 0)


@PROPERTY
@given(any_text, any_text, st.integers(0, 30))
def test_cutting_collation_key_str_to_a_max_length_keeps_the_order(first: str, second: str, cut: int) -> None:
    a, b = collation_key_str(first, max_length=cut), collation_key_str(second, max_length=cut)
    assert len(a) <= cut and len(b) <= cut
    if collation_key_str(first) <= collation_key_str(second):
        assert a <= b


def test_order_by_collation_key_str_in_sqlite_gives_persian_order() -> None:
    words = ["یاس", "آب", "گل", "۲ کتاب", "ب", "پدر", "Zebra", "apple", "می روم", "می‌روم", "میروم", "ژاله", "اب"]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (name TEXT, sort_key TEXT)")
    db.executemany("INSERT INTO t VALUES (?, ?)", [(w, collation_key_str(w)) for w in words])
    ordered = [name for (name,) in db.execute("SELECT name FROM t ORDER BY sort_key")]
    assert ordered == sorted(words, key=collation_key)
    assert ordered[:3] == ["۲ کتاب", "آب", "اب"]
