"""normalize(): the one stored form of Persian text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamafza.persian import PERSIAN_ALPHABET, ZWNJ, normalize

PROPERTY = settings(max_examples=400, deadline=None, database=None)

# Everything normalize() has an opinion about, mixed into otherwise arbitrary text below.
TRICKY = (
    PERSIAN_ALPHABET
    + "يىكةأإٱؤۀئء"  # Arabic letter variants
    + "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u0640"  # harakat, tatweel
    + "\u200c\u200c\u200b\u200d\ufeff\u200e\u200f\u202b\u2066\u00ad"  # ZWNJ and other invisibles
    + "  \t\n\u00a0\u2003"  # whitespace
    + "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789١２"  # digits, including a full-width one
    + "ﻛﺘﺎﺏﻣﯽﺭﻭﻡﻻﻼﹰﹲﱞﷲ"  # presentation forms, spacing harakat, ligatures
    + "²½ᴬeé\u0301ǰ"  # compatibility forms and combining accents
)
tricky_text = st.text(alphabet=st.one_of(st.sampled_from(TRICKY), st.characters()), max_size=30)
ARABIC_VARIANTS = "يىكةأإٱؤۀ"
HARAKAT = {chr(c) for c in [*range(0x064B, 0x0660), 0x0670, 0x0640]}
INVISIBLES = set("\u200b\u200d\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad")


def test_normalize_folds_arabic_yeh_and_alef_maksura_to_persian_yeh() -> None:
    assert normalize("علي") == "علی"
    assert normalize("مصطفى") == "مصطفی"


def test_normalize_folds_arabic_kaf_teh_marbuta_and_hamza_carriers() -> None:
    assert normalize("كتاب") == "کتاب"
    assert normalize("مدرسة") == "مدرسه"
    assert normalize("أحمد إيران ٱلله") == "احمد ایران الله"
    assert normalize("مؤسسه") == "موسسه"


def test_normalize_keeps_alef_madda_and_yeh_with_hamza() -> None:
    assert normalize("آب") == "آب"
    assert normalize("مسئله") == "مسئله"


def test_normalize_writes_heh_with_hamza_above_as_plain_heh_however_it_was_typed() -> None:
    assert normalize("خانۀ ما") == "خانه ما"
    assert normalize("خانه\u0654 ما") == "خانه ما"


def test_normalize_composes_alef_and_combining_madda_into_alef_madda() -> None:
    assert normalize("ا\u0653ب") == "آب"


def test_normalize_removes_harakat_superscript_alef_and_tatweel() -> None:
    assert normalize("مُحَمَّدٌ") == "محمد"
    assert normalize("رحمٰن") == "رحمن"
    assert normalize("کتـــاب") == "کتاب"


def test_normalize_folds_whitespace_runs_to_one_space_and_strips() -> None:
    assert normalize("  سلام \t\n  دنیا\u00a0\u2003خوب  ") == "سلام دنیا خوب"


def test_normalize_turns_a_lone_tab_or_newline_between_words_into_a_space() -> None:
    assert normalize("سلام\tدنیا\nخوب\u2028!") == "سلام دنیا خوب !"


def test_normalize_keeps_a_single_zwnj_inside_a_word() -> None:
    assert normalize("می\u200cروم") == "می\u200cروم"


def test_normalize_collapses_doubled_zwnj() -> None:
    assert normalize("می\u200c\u200c\u200cروم") == "می\u200cروم"


def test_normalize_drops_zwnj_next_to_a_space() -> None:
    assert normalize("کتاب\u200c ها") == "کتاب ها"
    assert normalize("کتاب \u200cها") == "کتاب ها"
    assert normalize("کتاب\u200c \u200c ها") == "کتاب ها"


def test_normalize_drops_zwnj_at_the_start_and_end() -> None:
    assert normalize("\u200cکتاب\u200c") == "کتاب"
    assert normalize(" \u200c ") == ""


def test_normalize_removes_other_zero_width_and_bidi_characters() -> None:
    assert normalize("\u200bکتا\u200dب\ufeff\u200e\u200f\u202bها\u202c") == "کتابها"


def test_normalize_leaves_persian_arabic_and_latin_digits_as_typed() -> None:
    assert normalize("۱۲۳ ١٢٣ 123") == "۱۲۳ ١٢٣ 123"


def test_normalize_folds_full_width_digits_but_keeps_superscripts_and_fractions() -> None:
    assert normalize("１٢") == "1٢"
    assert normalize("۱۰² متر، ۱½ کیلو") == "۱۰² متر، ۱½ کیلو"


def test_normalize_folds_arabic_presentation_forms() -> None:
    assert normalize("ﻛﺘﺎﺏ") == "کتاب"
    assert normalize("ﻻ") == "لا"


def test_normalize_turns_a_break_shown_by_presentation_forms_into_zwnj() -> None:
    # ﻣﯽ ends in a final-form yeh although a letter follows: the word was می‌روم, not میروم.
    assert normalize("ﻣﯽﺭﻭﻡ") == "می\u200cروم"
    assert normalize("ﮐﺘﺎﺏﻫﺎ") == "کتاب\u200cها"
    assert normalize("ﻣﯿﺮﻭﻡ") == "میروم"


def test_normalize_does_not_split_a_word_at_a_spacing_tanwin_form() -> None:
    # NFKC alone turns U+FE70 into a space plus fathatan: قطع ا.
    assert normalize("ﻗﻄﻌﹰﺎ") == "قطعا"


def test_normalize_of_empty_or_blank_text_is_empty() -> None:
    assert normalize("") == ""
    assert normalize(" \t\u200c\u200b ") == ""


@pytest.mark.parametrize("text", ["ى\u0654", "e\u0640\u0301", "\u0627\u200b\u0653", "\u200c\u0301", "ﹰ", "ﱞ"])
def test_normalize_is_idempotent_on_known_traps(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@PROPERTY
@given(tricky_text)
def test_normalize_is_idempotent_on_persian_heavy_text(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@PROPERTY
@given(st.text())
def test_normalize_is_idempotent_on_arbitrary_text(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@PROPERTY
@given(tricky_text)
def test_normalize_output_has_clean_spaces_and_zwnj(text: str) -> None:
    out = normalize(text)
    assert out == out.strip(" " + ZWNJ)
    for bad in ("  ", ZWNJ * 2, " " + ZWNJ, ZWNJ + " ", "\t", "\n", "\u00a0"):
        assert bad not in out


@PROPERTY
@given(tricky_text)
def test_normalize_output_has_no_arabic_variants_harakat_or_invisibles(text: str) -> None:
    out = normalize(text)
    assert not set(out) & (set(ARABIC_VARIANTS) | HARAKAT | INVISIBLES)
    assert unicodedata.is_normalized("NFC", out)


@PROPERTY
@given(tricky_text)
def test_normalize_keeps_every_persian_and_arabic_digit_as_typed(text: str) -> None:
    def digits(s: str) -> list[str]:
        return [c for c in s if c in "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"]

    assert digits(normalize(text)) == digits(text)


def test_normalize_multiline_keeps_line_breaks_and_one_blank_line_between_paragraphs() -> None:
    text = "\n  بند  يكم\r\nادامهٔ بند \u200c\n\n\n\nبند دوم\u2029پایان  \n\n"
    assert normalize(text, multiline=True) == "بند یکم\nادامه بند\n\nبند دوم\nپایان"


def test_normalize_without_multiline_puts_everything_on_one_line() -> None:
    assert normalize("بند یکم\n\nبند دوم") == "بند یکم بند دوم"


@PROPERTY
@given(st.lists(tricky_text, max_size=5).map("\n".join))
def test_normalize_multiline_is_idempotent(text: str) -> None:
    once = normalize(text, multiline=True)
    assert normalize(once, multiline=True) == once
    assert "\n\n\n" not in once and once == once.strip("\n")
    assert all(line == normalize(line) for line in once.split("\n"))
