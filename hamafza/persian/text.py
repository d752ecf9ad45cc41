"""One stored form for Persian text (``normalize``) and one form for matching it (``search_key``)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from hamafza.persian.digits import to_latin_digits
from hamafza.persian.shaping import ZWNJ, mark_shaped_breaks

# Letters that Arabic keyboards, old systems and NFKC'd presentation forms give for the Persian ones. آ stays:
# it is a letter of its own in Persian. ۀ goes to ه because ه + hamza-above (another way to type it) loses the
# hamza with the other harakat below, and both spellings must end up the same.
_LETTERS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
    }
)
# Invisible format characters that copy-paste from web pages and Word brings along: ZWSP, ZWJ, BOM, bidi
# marks, embeddings and isolates, the Arabic letter mark, word joiner and soft hyphen. None is part of a word.
_INVISIBLE: dict[int, None] = dict.fromkeys(
    [
        0x200B,
        0x200D,
        0xFEFF,
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0x061C,
        0x2060,
        0xAD,
    ],
    None,
)
# Control characters (C0, DEL, C1) that are not whitespace: a NUL from a crafted request or a bell from an old
# system is never part of a text, and PostgreSQL refuses NUL in a string outright. Whitespace controls (tab,
# line breaks) stay: they are spaces or paragraph breaks, handled below.
_CONTROLS: dict[int, None] = dict.fromkeys(
    [code for code in [*range(0x20), *range(0x7F, 0xA0)] if not chr(code).isspace()], None
)
# Harakat, tanwin, shadda, sukun, hamza above/below, superscript alef, and tatweel (kashida).
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
# Runs of whitespace and ZWNJ: a run with any whitespace in it is one space, a run of ZWNJs alone one ZWNJ.
_GAPS = re.compile(f"[\\s{ZWNJ}]+")
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile("\n{3,}")
# NFKC would turn 10² into 102 and 1½ into 11⁄2; these keep their meaning only in their own form.
_MEANINGFUL_COMPATIBILITY = ("<super>", "<sub>", "<fraction>")


# Bounded: the text comes from users, and a cache keyed by every code point they send would grow to 1.1M.
@lru_cache(maxsize=4096)
def _keeps_its_form(char: str) -> bool:
    return unicodedata.decomposition(char).startswith(_MEANINGFUL_COMPATIBILITY)


def _fold_compatibility(text: str) -> str:
    """NFKC, except for superscripts, subscripts and vulgar fractions."""
    # Text already in NFKC (nearly all of it) holds no character NFKC would change, superscripts included.
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    pieces: list[str] = []
    start = 0
    for index, char in enumerate(text):
        if _keeps_its_form(char):
            pieces.append(unicodedata.normalize("NFKC", text[start:index]))
            pieces.append(char)
            start = index + 1
    pieces.append(unicodedata.normalize("NFKC", text[start:]))
    return "".join(pieces)


def _clean_gap(match: re.Match[str]) -> str:
    gap = match.group()
    return ZWNJ if gap.strip(ZWNJ) == "" else " "


def normalize(text: str, *, multiline: bool = False) -> str:
    """Fold what people type into the one form we store. Idempotent; digits stay in the script typed.

    NFKC folds presentation forms (ﻛﺘﺎﺏ → کتاب), wide letters and non-breaking spaces; it leaves Persian and
    Arabic-Indic digits and ZWNJ alone (they have no compatibility decomposition), so they need no protection.

    All whitespace, line breaks included, becomes single spaces. For free text whose paragraphs matter (a
    description, a mission statement) pass ``multiline=True``: each line is normalized, line breaks become
    ``\n``, and blank lines shrink to one between paragraphs.
    """
    if multiline:
        lines = [normalize(line) for line in text.splitlines()]
        return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")
    if not text:
        return ""
    if len(text) <= _CACHED_LENGTH:
        return _normalize_short(text)
    return _normalize_line(text)


# Names, titles and categories are normalized many times over (a name for its key, its sort key and its
# duplicate check; a province on thousands of imported rows): short texts are remembered. Bounded, so a
# worker holds at most a few megabytes whatever people send.
_CACHED_LENGTH = 200


def _normalize_line(text: str) -> str:
    text = _fold_compatibility(mark_shaped_breaks(text))
    text = text.translate(_LETTERS).translate(_INVISIBLE).translate(_CONTROLS)
    text = _MARKS.sub("", text)
    # Dropping a mark or an invisible character can bring a letter next to an accent it should compose with.
    text = unicodedata.normalize("NFC", text)
    text = _GAPS.sub(_clean_gap, text)
    return text.strip(" " + ZWNJ)


_normalize_short = lru_cache(maxsize=8192)(_normalize_line)


def search_key(text: str) -> str:
    """The form every stored search column and every query takes.

    On top of ``normalize``: digits become Latin (۱۲۳ = ١٢٣ = 123), ZWNJ counts as a space (``می‌خواهم`` =
    ``می خواهم``), ئ counts as ی (``رئیس`` = ``رییس``, both spellings are in use), letters are case-folded and
    compatibility forms folded (m² = m2). A word written joined with no break at all (``میخواهم``) stays a
    different key: telling where a word ends needs a dictionary, which a key function should not guess at.
    """
    key = to_latin_digits(normalize(text)).replace(ZWNJ, " ").replace("ئ", "ی")
    # Full NFKC first, so superscript capitals (ᴬ) are capitals by the time they are case-folded; then NFKC
    # again, because casefold can leave decomposed letters (ǰ → j + caron) behind.
    key = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", key).casefold())
    return _SPACES.sub(" ", key).strip()


__all__ = ["ZWNJ", "normalize", "search_key"]
