"""Persian alphabetical order: ء آ ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی.

Code-point order puts پ چ ژ گ after ی (they were added to the Arabic block late), so neither ``sorted`` nor a
database collation gets Persian right. The key is built in two levels, like the Unicode Collation Algorithm:

1. Primary: one weight per character, spaces and ZWNJ ignored, so ``می روم``, ``می‌روم`` and ``میروم``
   sit together. Groups in order: common punctuation, digits (any script), Persian letters (آ before ا, the
   dictionary convention; ء first, as in CLDR), Latin letters (case-folded), then the rest by code point.
2. Tie-break: what level 1 folded away — the kind of gap before each character (none < ZWNJ < space), the
   digit script (Persian < Latin < Arabic-Indic), Latin case, and ئ against ی. Two texts get equal keys
   only if they normalize to the same text, so the order never depends on the order rows came in.

``collation_key`` gives tuples for ``sorted``; ``collation_key_str`` gives the same order as a plain ASCII
string of ``[0-9a-z]`` for a database column, which sorts the same under SQLite's binary comparison and under
PostgreSQL's "C" and en_US collations (no case, no punctuation for a locale to reinterpret).
"""

from __future__ import annotations

from functools import lru_cache

from hamafza.persian.digits import ARABIC_DIGITS, LATIN_DIGITS, PERSIAN_DIGITS
from hamafza.persian.text import ZWNJ, normalize

PERSIAN_ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"

_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»،؛؟٪٫٬"
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_PRIMARY: dict[str, int] = {
    char: rank for rank, char in enumerate(_PUNCTUATION + LATIN_DIGITS + "ء" + PERSIAN_ALPHABET + _LATIN)
}
_OTHER = len(_PRIMARY)

# Characters that share a primary weight with another, and the variant that tells them apart (0: default).
_VARIANTS: dict[str, tuple[str, int]] = {}
_VARIANTS.update({persian: (latin, 0) for persian, latin in zip(PERSIAN_DIGITS, LATIN_DIGITS, strict=True)})
_VARIANTS.update({latin: (latin, 1) for latin in LATIN_DIGITS})
_VARIANTS.update({arabic: (latin, 2) for arabic, latin in zip(ARABIC_DIGITS, LATIN_DIGITS, strict=True)})
_VARIANTS.update({upper: (upper.lower(), 1) for upper in _LATIN.upper()})
_VARIANTS["ئ"] = ("ی", 1)
_GAP_KINDS = {"": 0, ZWNJ: 1, " ": 2}
_VARIANT_COUNT = 3
_NUMBER_WIDTH = 8
_DIGIT_CHARS = frozenset(LATIN_DIGITS + PERSIAN_DIGITS + ARABIC_DIGITS)

# The str key is written in 36 symbols in ASCII order. "0" never starts a primary weight, so it can close
# level 1: a text that is a prefix of another sorts first, as with tuples.
_DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_LEVEL_SEPARATOR = "0"
_OTHER_PREFIX = "z"
_POSITIONS = 36 * 36


def _base36(number: int, width: int) -> str:
    out = ""
    for _ in range(width):
        number, digit = divmod(number, 36)
        out = _DIGITS36[digit] + out
    return out


def _is_digit(char: str) -> bool:
    return char in _DIGIT_CHARS


def _weigh(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Primary weights, and the (position, variant) tie-break marks that are not the default.

    Positions are stored counting down, so that a text whose first difference is a default (no mark) sorts
    before one that has a mark there; past the 1296th character they all read as 0.
    """
    primaries: list[int] = []
    marks: list[tuple[int, int]] = []
    gap = ""
    prepared = normalize(text)
    for index, char in enumerate(prepared):
        if char in _GAP_KINDS:
            gap = char
            continue
        base, variant = _VARIANTS.get(char, (char, 0))
        if _is_digit(char) and (index == 0 or not _is_digit(prepared[index - 1])):
            # Numbers sort by value, as people expect: «منطقه ۲» before «منطقه ۱۰». A run of digits is
            # left-padded with zero weights to a fixed width (longer runs fall back to digit-by-digit order).
            run = len(prepared) - index
            for offset, following in enumerate(prepared[index:]):
                if not _is_digit(following):
                    run = offset
                    break
            primaries.extend([_PRIMARY["0"]] * max(_NUMBER_WIDTH - run, 0))
        primary = _PRIMARY.get(base)
        primaries.append(_OTHER + ord(char) if primary is None else primary)
        mark = _GAP_KINDS[gap] * _VARIANT_COUNT + variant
        if mark:
            marks.append((max(_POSITIONS - 1 - (len(primaries) - 1), 0), mark))
        gap = ""
    return primaries, marks


def collation_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A key for ``sorted`` that gives Persian alphabetical order over ``normalize(text)``."""
    primaries, marks = _weigh(text)
    return tuple(primaries), tuple(number for mark in marks for number in mark)


# A name's key encodes each of its letters: a few dozen weights cover nearly every text, so each is encoded once
# (bounded: a weight past the table is a code point, which users choose).
@lru_cache(maxsize=4096)
def _encode_primary(weight: int) -> str:
    if weight >= _OTHER:
        # "z" + four symbols covers every code point (36**4 > 0x10FFFF); no table weight starts with "z".
        return _OTHER_PREFIX + _base36(weight - _OTHER, 4)
    # Table weights are two symbols whose first is never "0" (the separator) nor "z" (the escape).
    high, low = divmod(weight, 36)
    return _DIGITS36[1 + high] + _DIGITS36[low]


def collation_key_str(text: str, max_length: int | None = None) -> str:
    """The order of ``collation_key`` as a string of ``[0-9a-z]`` for a database column and ``ORDER BY``.

    Length: 2 per letter, digit or common punctuation mark, 5 per other character, plus 1 + 3 per tie-break
    mark (each space, ZWNJ, Latin digit, capital, …) when there are any. ``max_length`` cuts the key to fit a
    column: cutting keeps the order (a key's prefix never sorts after a key it was below) and only turns
    differences past the cut into ties.
    """
    primaries, marks = _weigh(text)
    key = "".join(_encode_primary(weight) for weight in primaries)
    if marks:
        key += _LEVEL_SEPARATOR + "".join(_base36(position, 2) + _DIGITS36[mark] for position, mark in marks)
    return key if max_length is None else key[:max_length]


__all__ = ["PERSIAN_ALPHABET", "collation_key", "collation_key_str"]
