"""index_terms / query_terms: a page is found however its words, and the query's, are written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamafza.persian import ZWNJ, index_terms, matches, query_plan, query_terms
from hamafza.persian.analyzer import STOP_WORDS, hit_spans
from hamafza.persian.stemming import MIN_STEM, stem_candidates

PROPERTY = settings(max_examples=200, deadline=None, database=None)
PAGE = "استاندار فارس بر تعامل مدیران با سازمان‌های مردم‌نهاد تأکید کرد."


@pytest.mark.parametrize("query", ["سازمانهای مردمنهاد", "سازمان هاي مردم نهاد", "مردم‌نهاد", "مردمنهاد", "مردم نهاد"])
def test_a_page_with_ngos_written_with_zwnj_is_found_by_every_spelling(query: str) -> None:
    assert matches(PAGE, query)


@pytest.mark.parametrize("page", ["سازمان‌های مردم‌نهاد", "سازمان های مردم نهاد", "سازمانهای مردمنهاد"])
@pytest.mark.parametrize("query", ["سازمان‌های مردم‌نهاد", "سازمان های مردم نهاد", "سازمانهای مردمنهاد"])
def test_the_three_spellings_of_a_compound_find_each_other(page: str, query: str) -> None:
    assert matches(page, query)


def test_the_word_by_word_query_terms_are_all_indexed_for_the_zwnj_page() -> None:
    terms = set(index_terms(PAGE))
    for query in ("سازمانهای مردمنهاد", "سازمان هاي مردم نهاد", "مردم‌نهاد"):
        assert set(query_terms(query)) <= terms, query


def test_an_inspector_finds_the_inspectors() -> None:
    assert matches("گزارش بازرسان استان فارس", "بازرس")
    assert query_terms("بازرسان") == query_terms("بازرس") == ["بازرس"]


@pytest.mark.parametrize(("page", "query"), [("سال 1404", "۱۴۰۴"), ("سال ۱۴۰۴", "1404"), ("سال ١٤٠٤", "۱۴۰۴")])
def test_digits_in_any_script_find_each_other(page: str, query: str) -> None:
    assert matches(page, query)


def test_arabic_letters_find_persian_ones() -> None:
    assert matches("كيفيت خدمات ادارات", "کیفیت خدمت اداره")
    assert matches("رئیس سازمان", "رییس")
    assert matches("آموزش و پرورش", "اموزش")


@pytest.mark.parametrize(
    ("word", "not_stem"), [("استان", "است"), ("تهران", "تهر"), ("ایران", "ایر"), ("سازمان", "سازم")]
)
def test_words_that_merely_end_like_a_plural_keep_their_ending(word: str, not_stem: str) -> None:
    assert query_terms(word) == [word]
    assert not matches(f"خبر {word}", not_stem)
    assert not matches(f"این {not_stem}", word)


@pytest.mark.parametrize(
    ("plural", "stem"),
    [
        ("مدیران", "مدیر"),
        ("کارکنان", "کارکن"),
        ("نمایندگان", "نماینده"),
        ("دانشجویان", "دانشجو"),
        ("دوستان", "دوست"),
        ("سرپرستان", "سرپرست"),
        ("استانداران", "استاندار"),
        ("نوجوانان", "نوجوان"),
        ("داوطلبان", "داوطلب"),
        ("اقدامات", "اقدام"),
        ("برنامه‌ها", "برنامه"),
        ("استان‌ها", "استان"),
        ("کتابهایشان", "کتاب"),
    ],
)
def test_plurals_find_their_singular(plural: str, stem: str) -> None:
    assert matches(f"گزارش {plural}", stem)
    assert matches(f"گزارش {stem}", plural)


@pytest.mark.parametrize(
    "word", ["شهرستان", "بیمارستان", "دادستان", "نگهبان", "پشتیبان", "ساختمان", "میزان", "عنوان", "حیات", "تنها"]
)
def test_common_words_ending_in_plural_letters_are_not_plurals(word: str) -> None:
    assert stem_candidates(word) == (word,)


def test_a_zwnj_clitic_comes_off_and_the_ambiguous_joined_form_keeps_both_readings() -> None:
    assert query_terms("ابلاغیه‌ای") == ["ابلاغیه"]
    assert matches("در ابلاغیهای رسمی", "ابلاغیه")


def test_verb_prefix_spelled_three_ways() -> None:
    for page in ("می‌خواهم", "می خواهم", "میخواهم"):
        for query in ("می‌خواهم", "می خواهم", "میخواهم"):
            assert matches(page, query)


def test_stop_words_are_not_required_but_a_query_of_only_stop_words_still_asks_for_them() -> None:
    assert query_terms("بازرسی در فارس") == ["بازرسی", "فارس"]
    assert query_terms("از") == ["از"]


def test_punctuation_stops_a_join() -> None:
    assert "مردمنهاد" not in index_terms("مردم. نهاد")


def test_prefix_search_finds_the_word_being_typed() -> None:
    plan = query_plan("سازمانهای مر", prefix=True)
    assert plan.matches(index_terms(PAGE))
    assert not query_plan("سازمانهای مر").matches(index_terms(PAGE))


def test_hits_cover_the_words_the_query_found() -> None:
    normal, spans = hit_spans(PAGE, query_plan("مردمنهاد"))
    assert [normal[start:end] for start, end in spans] == ["مردم‌نهاد"]


def test_a_query_of_nothing_matches_nothing() -> None:
    assert query_terms(" ،. ") == []
    assert not matches(PAGE, "")


# ---- properties ---------------------------------------------------------------------------------------------
STEMS = ["مردم", "نهاد", "سازمان", "دستگاه", "بازرس", "کتاب", "برنامه", "مدیر", "شهر", "کار", "استان", "گزارش"]
ENDINGS = ["", "ها", "های"]
GLUES = [ZWNJ, " ", ""]


@PROPERTY
@given(
    st.sampled_from(STEMS),
    st.sampled_from(STEMS),
    st.sampled_from(ENDINGS),
    st.sampled_from(GLUES),
    st.sampled_from(GLUES),
    st.sampled_from(GLUES),
    st.sampled_from(GLUES),
)
def test_a_compound_with_an_ending_is_found_however_either_side_glues_it(
    first: str, second: str, ending: str, page_join: str, page_end: str, query_join: str, query_end: str
) -> None:
    page = f"خبر {first}{page_join}{second}{page_end if ending else ''}{ending} امروز"
    query = f"{first}{query_join}{second}{query_end if ending else ''}{ending}"
    assert matches(page, query)


VARIANTS = str.maketrans({"ی": "ي", "ک": "ك", "1": "۱", "4": "٤", "0": "۰"})


@PROPERTY
@given(st.lists(st.sampled_from([*STEMS, "کیفیت", "1404", "یکشنبه", "ها", "،", "."]), min_size=1, max_size=12))
def test_letter_and_digit_variants_index_alike(words: list[str]) -> None:
    text = " ".join(words)
    assert index_terms(text.translate(VARIANTS)) == index_terms(text)


PLURAL_ENDINGS = {"ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان"}
PERSIAN_WORD = st.text(alphabet="ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی", min_size=2, max_size=9).filter(
    # Endings written apart belong to the word before («کتاب هایم» is one word): not words of their own.
    lambda word: word not in STOP_WORDS and word not in {"می", "نمی", "تر", "ترین", *PLURAL_ENDINGS}
)


@PROPERTY
@given(st.lists(st.lists(PERSIAN_WORD, min_size=1, max_size=3), min_size=1, max_size=8), st.data())
def test_every_word_of_a_page_finds_the_page(words: list[list[str]], data: st.DataObject) -> None:
    text = " ".join(ZWNJ.join(parts) for parts in words)
    chosen = ZWNJ.join(data.draw(st.sampled_from(words)))
    assert matches(text, chosen)


@PROPERTY
@given(PERSIAN_WORD)
def test_a_stem_is_never_shorter_than_two_letters_and_is_its_own_stem_or_shorter(word: str) -> None:
    for stem in stem_candidates(word):
        assert len(stem) >= min(len(word), 2)
        assert len(stem) <= len(word) + 1  # ادارات → اداره: the singular may gain its ه back
    if len(word) <= MIN_STEM:
        assert stem_candidates(word) == (word,)


def test_a_plural_ending_written_apart_belongs_to_the_word_before() -> None:
    # Found by the property above: «هایم» after a space is the ending of «کتاب», not a word to search for.
    assert matches("کتاب هایم را آوردم", "کتاب‌هایم")
    assert matches("کتاب هایم را آوردم", "کتابهایم")
    assert matches("کتاب هایم را آوردم", "کتاب")
