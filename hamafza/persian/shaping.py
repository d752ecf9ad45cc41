"""Arabic presentation forms (ﻛﺘﺎﺏ), prepared for NFKC so that folding them loses nothing their shapes said.

Text copied out of old PDFs and legacy systems often comes as presentation forms: one code point per shaped
glyph. NFKC folds them to plain letters, which is what we want, with two pitfalls handled here first:

* A presentation form records whether a letter joins its neighbours. ``ﻣﯽﺭﻭﻡ`` is "می‌روم": the final-form yeh
  shows the word break that Unicode text spells with ZWNJ. Folded naively it becomes "میروم", a different
  spelling. So wherever the shapes show a break between two letters that would join once folded, a ZWNJ
  goes in.
* The spacing forms of harakat (U+FE70…, U+FC5E…) fold to a space followed by the mark. Harakat are dropped by
  ``normalize`` anyway, but the space would stay and split a word in two, so these forms are dropped outright.

The tables come from ``unicodedata`` (the ``<initial>``/``<medial>``/``<final>``/``<isolated>`` tags of each
form), not from hand-written lists.
"""

from __future__ import annotations

import re
import unicodedata

ZWNJ = "\u200c"

_BLOCKS = (range(0xFB50, 0xFE00), range(0xFE70, 0xFF00))
_HARAKAT = frozenset(map(chr, [*range(0x064B, 0x0660), 0x0670]))
# Any code point of the two blocks: a C-speed test that lets text without presentation forms (nearly all of it)
# skip the per-character work below.
_IN_BLOCKS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def _decomposition(char: str) -> tuple[str, list[str]] | None:
    """The shape tag and the letters (category L*) of a presentation form, or None."""
    parts = unicodedata.decomposition(char).split()
    if not parts or parts[0] not in ("<initial>", "<medial>", "<final>", "<isolated>"):
        return None
    letters = [chr(int(code, 16)) for code in parts[1:]]
    letters = [letter for letter in letters if unicodedata.category(letter).startswith("L")]
    return (parts[0], letters) if letters else None


def _build() -> tuple[dict[str, tuple[bool, bool, str, str]], frozenset[str], frozenset[str], frozenset[str]]:
    forms: dict[str, tuple[bool, bool, str, str]] = {}
    joins_next: set[str] = set()
    joins_previous: set[str] = set()
    spacing_marks: set[str] = set()
    for block in _BLOCKS:
        for code in block:
            char = chr(code)
            folded = unicodedata.normalize("NFKC", char)
            if folded[:1] == " " and len(folded) > 1 and set(folded[1:]) <= _HARAKAT:
                spacing_marks.add(char)
                continue
            found = _decomposition(char)
            if found is None:
                continue
            shape, letters = found
            to_next, to_previous = shape in ("<initial>", "<medial>"), shape in ("<medial>", "<final>")
            forms[char] = (to_next, to_previous, letters[0], letters[-1])
            if len(letters) == 1:
                # A letter that has an initial or medial form can join the letter after it, and so on.
                if to_next:
                    joins_next.add(letters[0])
                if to_previous:
                    joins_previous.add(letters[0])
    return forms, frozenset(joins_next), frozenset(joins_previous), frozenset(spacing_marks)


# form → (joins the next letter, joins the previous letter, its first letter, its last letter)
_FORMS, _JOINS_NEXT, _JOINS_PREVIOUS, _SPACING_MARKS = _build()


def _shows_break(before: str, after: str) -> bool:
    """True when ``before`` is drawn unjoined to ``after`` although the folded letters would join."""
    shaped = _FORMS.get(before)
    if shaped is None or shaped[0] or shaped[3] not in _JOINS_NEXT:
        return False
    next_shaped = _FORMS.get(after)
    if next_shaped is not None:
        return not next_shaped[1] and next_shaped[2] in _JOINS_PREVIOUS
    # A plain letter after a shaped one: trust the shape we have.
    return after in _JOINS_PREVIOUS


def mark_shaped_breaks(text: str) -> str:
    """Drop spacing harakat forms, put a ZWNJ wherever shapes showed a break; NFKC does the folding later."""
    if _IN_BLOCKS.search(text) is None or not any(char in _FORMS or char in _SPACING_MARKS for char in text):
        return text
    kept = [char for char in text if char not in _SPACING_MARKS]
    out: list[str] = []
    for index, char in enumerate(kept):
        out.append(char)
        if index + 1 < len(kept) and _shows_break(char, kept[index + 1]):
            out.append(ZWNJ)
    return "".join(out)
