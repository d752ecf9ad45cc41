"""Persian alphabetical order: ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی.

Unicode code-point order puts پ چ ژ گ after ی (they were added to the Arabic block later), so neither Python's
``sorted`` nor a database collation gets Persian right. Every character is mapped to a rank instead:
spaces first (word-by-word order, as in Persian dictionaries), then digits, Persian letters, Latin letters, and
anything else last.
"""

from __future__ import annotations

from hamafza.persian.digits import to_latin_digits
from hamafza.persian.text import ZWNJ, normalize

PERSIAN_ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"

_SPACE_RANK = 1
_DIGIT_BASE = 2
_PERSIAN_BASE = 20
_LATIN_BASE = 100
_OTHER_BASE = 200
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"

_RANKS: dict[str, int] = {" ": _SPACE_RANK, ZWNJ: _SPACE_RANK}
_RANKS.update({str(d): _DIGIT_BASE + d for d in range(10)})
_RANKS.update({letter: _PERSIAN_BASE + i for i, letter in enumerate(PERSIAN_ALPHABET)})
# Hamza sorts with alef, as in dictionaries.
_RANKS["ء"] = _PERSIAN_BASE + 1
_RANKS.update({chr(ord("a") + i): _LATIN_BASE + i for i in range(26)})


def _rank(char: str) -> int:
    rank = _RANKS.get(char)
    if rank is not None:
        return rank
    # Other characters keep a stable, distinct-enough place after every letter.
    return _OTHER_BASE + ord(char) % (36 * 36 - _OTHER_BASE)


def _prepared(text: str) -> str:
    return to_latin_digits(normalize(text)).casefold()


def collation_key(text: str) -> tuple[int, ...]:
    """A key for ``sorted`` that gives Persian alphabetical order."""
    return tuple(_rank(char) for char in _prepared(text))


def collation_key_str(text: str) -> str:
    """The same order as a plain string of ``[0-9a-z]``, two characters per letter.

    Being plain lower-case ASCII of fixed width, it sorts the same under SQLite's binary comparison and under
    PostgreSQL's "C" or en_US collations, so ``ORDER BY sort_key`` is Persian order everywhere.
    """
    return "".join(_BASE36[rank // 36] + _BASE36[rank % 36] for rank in collation_key(text))
