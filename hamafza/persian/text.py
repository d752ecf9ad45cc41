"""Normalization of Persian text before it is stored, and the search key every query goes through."""

from __future__ import annotations

import re
import unicodedata

from hamafza.persian.digits import ARABIC_DIGITS, PERSIAN_DIGITS, to_latin_digits

ZWNJ = "\u200c"

# Letters that Arabic keyboards and old systems type for Persian ones.
_LETTERS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "٪": "%",
    }
)
# Zero-width and direction marks other than ZWNJ carry no meaning in stored text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200d\u200e\u200f\ufeff\u202a\u202b\u202c\u202d\u202e\u00ad"), None)
# Harakat, tanwin, shadda, sukun, superscript alef, and tatweel.
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
_SPACES = re.compile(r"\s+")
_ZWNJ_RUNS = re.compile(f"{ZWNJ}{{2,}}")
_ZWNJ_NEAR_SPACE = re.compile(f" ?{ZWNJ}+ ?| {ZWNJ}*")




def normalize(text: str) -> str:
    """Fold what people type into one stored form; digits stay as typed. Idempotent."""
    if not text:
        return ""
    # NFKC folds Arabic presentation forms (ﻛﺘﺎﺏ) into their letters. It would also split ligatures like ﷲ.
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_LETTERS).translate(_INVISIBLE)
    text = _DIACRITICS.sub("", text)
    # Folding letters can create new decomposable sequences (e.g. ا + ٓ); NFC keeps آ composed.
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = _ZWNJ_RUNS.sub(ZWNJ, text)
    text = _clean_zwnj_around_spaces(text)
    return text.strip(" " + ZWNJ)


def _clean_zwnj_around_spaces(text: str) -> str:
    out: list[str] = []
    for char in text:
        if char == ZWNJ and (not out or out[-1] in (" ", ZWNJ)):
            continue
        if char == " " and out and out[-1] == ZWNJ:
            out[-1] = " "
            continue
        if char == " " and out and out[-1] == " ":
            continue
        out.append(char)
    return "".join(out)


def search_key(text: str) -> str:
    """The form every stored search column and every query takes: letters folded, digits Latin,
    ZWNJ read as a space, Latin lower-cased. ``می‌روم`` and ``می روم`` match; ``میروم`` stays a different word."""
    text = normalize(text)
    text = to_latin_digits(text).replace(ZWNJ, " ").casefold()
    return _SPACES.sub(" ", text).strip()


__all__ = ["ARABIC_DIGITS", "PERSIAN_DIGITS", "ZWNJ", "normalize", "search_key"]
