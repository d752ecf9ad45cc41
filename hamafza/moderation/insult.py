"""Insult and defamation: the lexicon matched after folding the ways people hide a word from a filter.

Evasions folded: zero-width characters and tatweel (normalize), asterisks, dots and dashes inside a word,
repeated letters (احمقققق), letters spaced apart (ا ح م ق، اح مق), Arabic look-alikes (normalize), letters that
sound alike (احمغ، بیشور), digits or Latin letters written for Persian ones (ا7مق، بی3عور، aحمق) and an
asterisk in place of a letter (اح*ق). Finglish insults are matched against a Finglish list.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hamafza.moderation.lexicon import FINGLISH_INSULTS, INSULTS
from hamafza.persian.digits import to_latin_digits
from hamafza.persian.shaping import ZWNJ
from hamafza.persian.text import normalize

# Letters that sound alike collapse into one (evasion by misspelling); ع and ء are often left out, so they go.
_SOUND = str.maketrans(
    {
        "غ": "ق", "ط": "ت", "ص": "س", "ث": "س", "ذ": "ز", "ض": "ز", "ظ": "ز", "ح": "ه", "ع": None, "ء": None,
        "آ": "ا", "ئ": "ی", "أ": "ا", "إ": "ا", "ؤ": "و", ZWNJ: None,
    }
)  # fmt: skip
# Digits and Latin letters written inside a Persian word for the Persian letter they look or sound like.
_LOOKALIKE = str.maketrans(
    {
        "0": "و", "1": "ا", "2": "ا", "3": "ع", "4": "ع", "5": "خ", "6": "ت", "7": "ح", "8": "ق", "9": "ق",
        "a": "ا", "b": "ب", "c": "ک", "d": "د", "e": "", "f": "ف", "g": "گ", "h": "ه", "i": "ی", "j": "ج",
        "k": "ک", "l": "ل", "m": "م", "n": "ن", "o": "و", "p": "پ", "q": "ق", "r": "ر", "s": "س", "t": "ت",
        "u": "و", "v": "و", "w": "و", "x": "خ", "y": "ی", "z": "ز", "@": "ا", "$": "س",
    }
)  # fmt: skip
_GLUE = re.compile(r"[.\-_~^+|/\\'\"`•·]+")
_TOKEN = re.compile(r"[^\s،,.;:!?؟؛()«»\[\]{}<>]+")
_PERSIAN_LETTER = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")
_REPEAT = re.compile(r"(.)\1+")
_FINGLISH_PAIRS = (("kh", "x"), ("gh", "q"), ("sh", "c"), ("ch", "c"), ("ou", "u"), ("oo", "u"), ("ee", "i"))
# What may follow an insult in the same word: plural, «-ish» and «-ly». Not ی: دزدی is theft, not a thief.
_ENDINGS = ("", "ها", "های", "هایی", "ان", "انه", "هاست", "ترین", "تر", "اند", "ه", "ا")


@lru_cache(maxsize=65536)
def _fold_persian(word: str) -> str:
    word = _GLUE.sub("", word)
    if _PERSIAN_LETTER.search(word):
        word = to_latin_digits(word).lower().translate(_LOOKALIKE)
    return _REPEAT.sub(r"\1", word.translate(_SOUND))


def _fold_finglish(word: str) -> str:
    word = _REPEAT.sub(r"\1", word.lower())
    for pair, single in _FINGLISH_PAIRS:
        word = word.replace(pair, single)
    return word.replace("g", "q")


_FINGLISH_ENDINGS = ("", "ha", "an", "a", "e")
_LEXICON = frozenset(_fold_persian(normalize(word)) for word in INSULTS)
_FINGLISH = frozenset(_fold_finglish(word) for word in FINGLISH_INSULTS)
_LONGEST = max(len(word) for word in _LEXICON)


@lru_cache(maxsize=32768)
def _is_insult(folded: str) -> bool:
    if len(folded) < 2:
        return False
    for ending in _ENDINGS:
        if folded.endswith(ending) and folded[: len(folded) - len(ending)] in _LEXICON:
            return True
    return False


@lru_cache(maxsize=4096)
def _masked(pattern: str) -> bool:
    """A word with asterisks standing for letters (اح*ق): does any insult of that length fit?"""
    regex = re.compile("".join("." if char == "*" else re.escape(char) for char in pattern))
    return any(regex.fullmatch(word) for word in _LEXICON if len(word) == len(pattern))


def _piece_fits(raw: str, *, last: bool) -> bool:
    """A piece of a word spaced apart: one or two letters as written (نفع is a word, not a piece); the last
    piece may be a whole word (بی شعور، اح مقانه)."""
    return last or len(raw.replace(ZWNJ, "")) <= 2


def insult_words(text: str, *, normalized: bool = False) -> list[str]:
    """The words of ``text`` that are insults once folded (as written), for the moderator to see."""
    tokens = _TOKEN.findall(text if normalized else normalize(text))
    found: list[str] = []
    folded = [_fold_persian(token.replace("*", "")) for token in tokens]
    for token, word in zip(tokens, folded, strict=True):
        if token.isascii() and token.isalpha():
            word = _fold_finglish(token)
            if any(word.endswith(end) and word[: len(word) - len(end)] in _FINGLISH for end in _FINGLISH_ENDINGS):
                found.append(token)
        elif _is_insult(word):
            found.append(token)
        elif "*" in token.strip("*") and _masked(_fold_persian(token)):
            found.append(token)
    # Letters spaced apart: join runs of one- and two-letter pieces (ا ح م ق، اح مق، ب ی ش ع و ر).
    for index in range(len(tokens)):
        if not _piece_fits(tokens[index], last=False):
            continue
        joined = folded[index]
        for end in range(index + 1, min(len(tokens), index + _LONGEST)):
            if not _piece_fits(tokens[end], last=True):
                break
            joined += folded[end]
            if _is_insult(_REPEAT.sub(r"\1", joined)):
                found.append(" ".join(tokens[index : end + 1]))
                break
            if not _piece_fits(tokens[end], last=False):
                break
    return found
