"""normalize() drops control characters: a NUL must never reach a database (PostgreSQL refuses it)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from hamafza.persian import normalize, search_key

PROPERTY = settings(max_examples=400, deadline=None, database=None)
CONTROLS = "".join(chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)])
text_with_controls = st.text(
    alphabet=st.one_of(st.sampled_from(CONTROLS + "سلام دنیا\u200c۱۲"), st.characters()), max_size=40
)


def _controls_in(text: str) -> set[str]:
    return {char for char in text if unicodedata.category(char) == "Cc"}


def test_normalize_drops_nul_inside_a_word() -> None:
    assert normalize("سل\x00ام") == "سلام"
    assert search_key("\x00تهران\x00") == "تهران"


def test_normalize_drops_bell_escape_and_delete_but_keeps_tabs_and_line_breaks_as_spaces() -> None:
    assert normalize("الف\x07\x1b\x7fب") == "الفب"
    assert normalize("الف\tب\nپ") == "الف ب پ"
    assert normalize("بند یک\x00\r\nبند دو", multiline=True) == "بند یک\nبند دو"


@PROPERTY
@given(text_with_controls)
def test_normalized_text_holds_no_control_character(text: str) -> None:
    assert _controls_in(normalize(text)) == set()
    assert _controls_in(search_key(text)) == set()


@PROPERTY
@given(text_with_controls)
def test_multiline_text_keeps_only_line_breaks(text: str) -> None:
    assert _controls_in(normalize(text, multiline=True)) <= {"\n"}


@PROPERTY
@given(text_with_controls)
def test_dropping_controls_keeps_normalize_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
