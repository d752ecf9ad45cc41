"""The Persian search analyzer: one function for what a document is indexed under, one for what a query asks.

A document matches a query when every query term is among its index terms (``query_terms``); the search layer
also tries the other readings of a query (``query_plan``), because Persian writes one word three ways:

* ZWNJ, space or nothing between a word's parts (سازمان‌های مردم‌نهاد · سازمان های مردم نهاد ·
  سازمانهای مردمنهاد). A document is indexed under each part AND under each pair of neighbouring words
  joined, so «مردمنهاد» finds «مردم‌نهاد» and «مردم نهاد»; a query word with a ZWNJ asks for the joined form,
  and a query of several words also tries each neighbouring pair joined.
* Plural and clitic endings (ها، های، ان، ات …) come off through ``stemming`` — but استان, ایران, تهران keep
  their ان: a list of words that merely end in those letters plus a minimum stem length guard them. A
  ZWNJ tells us for certain where an ending starts (استان‌ها → استان), so the list is needed only for words
  written without one.
* Letter and digit variants fold: ي/ى → ی, ك → ک, ئ → ی, آ → ا, hamza dropped; ۱۴۰۴ = ١٤٠٤ = 1404.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from hamafza.persian.digits import to_latin_digits
from hamafza.persian.shaping import ZWNJ
from hamafza.persian.stemming import stem_candidates
from hamafza.persian.text import normalize

# Letters, digits and marks-free words, their parts joined by ZWNJ. `_` is a word character for `\w` only.
_WORD = re.compile(f"[^\\W_]+(?:{ZWNJ}[^\\W_]+)*")
_FOLD = str.maketrans({"ئ": "ی", "آ": "ا", "ء": None, "أ": "ا", "ؤ": "و"})

# Plural endings: after a ZWNJ or a space they belong to the word before (سازمان‌های = سازمان های).
_PLURAL_PARTS = frozenset({"ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان"})
# Comparative endings belong to the word before too, but change its meaning: kept in the stem (بزرگ‌تر).
_DEGREE_PARTS = frozenset({"تر", "ترین"})
# Possessive, indefinite and verb endings: only a ZWNJ marks them as endings (after a space «ای» is «O!»).
_CLITIC_PARTS = frozenset({"ای", "ی", "ام", "ات", "اش", "مان", "تان", "شان", "ایم", "اید", "اند"})
# Verb prefixes: می‌خواهم = می خواهم = میخواهم.
_PREFIX_PARTS = frozenset({"می", "نمی"})

STOP_WORDS = frozenset(
    """
    و در به از که این ان با را برای تا است بود شد هم یا اما اگر هر یک نیز بر چه چون پس هیچ همه
    ما شما او من تو ایشان انها اینها وی خود شده شود کرد کند کرده کنند می نمی باید باشد بوده هست نیست
    دارد داشت اند ای ها های ی دیگر همین همان چنین چنان بین روی زیر پیش بعد قبل درباره طی توسط نه
    ولی بلکه زیرا اینکه انکه وقتی حتی فقط اکنون هنوز بسیار خیلی چند کدام چرا کجا کی
    """.split()
)
_MAX_ALTERNATIVES = 34  # every way of joining neighbours among up to eight query words


@dataclass(slots=True)
class _Unit:
    surface: str  # the folded word as written, parts joined with nothing
    stems: tuple[str, ...]
    segment: int  # punctuation splits segments: no join crosses it
    linked: bool  # joined to the unit before by a ZWNJ
    start: int  # span in normalize(text)
    end: int


@lru_cache(maxsize=65536)
def _fold(part: str) -> str:
    return to_latin_digits(part).casefold().translate(_FOLD)


def _units(text: str, *, normalized: bool = False) -> tuple[str, list[_Unit]]:
    """The words of ``normalize(text)`` with their stems, endings merged into the word they end."""
    normal = text if normalized else normalize(text)
    units: list[_Unit] = []
    segment = 0
    last_end = 0
    for match in _WORD.finditer(normal):
        if normal[last_end : match.start()].strip():
            segment += 1
        last_end = match.end()
        position = match.start()
        prefix = ""
        prefix_start = position
        prefix_linked = False
        for index, raw in enumerate(match.group().split(ZWNJ)):
            start, end = position, position + len(raw)
            position = end + 1
            part = _fold(raw)
            if not part:
                continue
            linked = index > 0
            left = units[-1] if units and not prefix and units[-1].segment == segment else None
            if left is not None and (
                part in _PLURAL_PARTS or part in _DEGREE_PARTS or (linked and part in _CLITIC_PARTS)
            ):
                left.surface += part
                left.end = end
                if part in _DEGREE_PARTS:
                    left.stems = (left.stems[0] + part,)
                continue
            if part in _PREFIX_PARTS:
                if not prefix:
                    prefix_start, prefix_linked = start, linked
                prefix += part
                continue
            if prefix:
                start, linked = prefix_start, prefix_linked
            surface = prefix + part
            prefix = ""
            units.append(_Unit(surface, stem_candidates(surface), segment, linked, start, end))
        if prefix:
            units.append(_Unit(prefix, (prefix,), segment, prefix_linked, prefix_start, match.end()))
    return normal, units


def _joined(left: _Unit, right: _Unit) -> tuple[str, ...]:
    return tuple(left.stems[0] + stem for stem in right.stems)


def _chains(units: list[_Unit]) -> list[list[_Unit]]:
    """Units grouped into ZWNJ-linked chains (a word written with ZWNJ between its parts)."""
    chains: list[list[_Unit]] = []
    for unit in units:
        if unit.linked and chains and chains[-1][-1].segment == unit.segment:
            chains[-1].append(unit)
        else:
            chains.append([unit])
    return chains


def _chain_terms(chain: list[_Unit]) -> tuple[str, ...]:
    head = "".join(unit.stems[0] for unit in chain[:-1])
    return tuple(head + stem for stem in chain[-1].stems)


def index_terms(text: str) -> list[str]:
    """Every term a document is found under, each once, in the order they first occur."""
    _, units = _units(text)
    terms: dict[str, None] = {}
    for index, unit in enumerate(units):
        terms.update(dict.fromkeys(unit.stems))
        if index and units[index - 1].segment == unit.segment:
            terms.update(dict.fromkeys(_joined(units[index - 1], unit)))
    for chain in _chains(units):
        if len(chain) > 2:
            terms.update(dict.fromkeys(_chain_terms(chain)))
    return list(terms)


# A query plan: alternatives (any may match), each a list of slots (all must match), each slot a tuple of
# terms (any may match). A term ending in "*" matches every index term it begins.
Slot = tuple[str, ...]
Alternative = tuple[Slot, ...]


@dataclass(frozen=True, slots=True)
class QueryPlan:
    alternatives: tuple[Alternative, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not self.alternatives

    def terms(self) -> frozenset[str]:
        """Every term any reading of the query asks for (for highlighting)."""
        return frozenset(term for alternative in self.alternatives for slot in alternative for term in slot)

    def matches(self, terms: Iterable[str]) -> bool:
        present = set(terms)
        return any(all(_slot_matches(slot, present) for slot in alternative) for alternative in self.alternatives)


def _slot_matches(slot: Slot, present: set[str]) -> bool:
    for term in slot:
        if term.endswith("*"):
            if any(candidate.startswith(term[:-1]) for candidate in present):
                return True
        elif term in present:
            return True
    return False


def _pairings(count: int) -> list[tuple[int, ...]]:
    """Every way to pick non-overlapping neighbour pairs among ``count`` words: the first word of each pair."""
    if count < 2:
        return [()]
    out: list[tuple[int, ...]] = [()]
    for first in range(count - 1):
        for rest in _pairings(count - first - 2):
            out.append((first, *(first + 2 + index for index in rest)))
    return out


def query_plan(query: str, *, prefix: bool = False) -> QueryPlan:
    """Every reading of ``query``; with ``prefix`` the last word may be unfinished (typed as you search)."""
    _, units = _units(query)
    chains = _chains(units)
    if not chains:
        return QueryPlan()
    words = [(_chain_terms(chain), chain) for chain in chains]
    ends_segment = [
        index + 1 == len(words) or words[index + 1][1][0].segment != chain[-1].segment
        for index, (_, chain) in enumerate(words)
    ]
    pairings = _pairings(len(words)) if len(words) <= 8 else [()]
    alternatives: dict[Alternative, None] = {}
    for pairing in pairings[:_MAX_ALTERNATIVES]:
        slots: list[tuple[Slot, bool]] = []  # (slot, is a stop word)
        index = 0
        usable = True
        while index < len(words):
            terms, chain = words[index]
            if index in pairing:
                _, next_chain = words[index + 1]
                if len(chain) > 1 or len(next_chain) > 1 or ends_segment[index]:
                    usable = False  # the index joins single neighbouring words only
                    break
                slot = _joined(chain[0], next_chain[0])
                if prefix and index + 2 == len(words):
                    slot = (*slot, chain[0].stems[0] + next_chain[0].surface + "*")
                slots.append((slot, False))
                index += 2
                continue
            slot = terms
            if prefix and index + 1 == len(words):
                surface = "".join(unit.stems[0] for unit in chain[:-1]) + chain[-1].surface
                slot = (*slot, surface + "*")
            slots.append((slot, len(chain) == 1 and chain[0].surface in STOP_WORDS))
            index += 1
        if not usable:
            continue
        kept = tuple(slot for slot, stop in slots if not stop) or tuple(slot for slot, _ in slots)
        alternatives.setdefault(kept)
    return QueryPlan(tuple(alternatives))


def query_terms(query: str) -> list[str]:
    """The terms a document must all be indexed under to match ``query`` read word by word (stop words out)."""
    plan = query_plan(query)
    return [slot[0] for slot in plan.alternatives[0]] if plan.alternatives else []


def matches(text: str, query: str) -> bool:
    """Whether a document with ``text`` matches ``query`` under any of its readings."""
    return query_plan(query).matches(index_terms(text))


def hit_spans(text: str, plan: QueryPlan) -> tuple[str, list[tuple[int, int]]]:
    """``normalize(text)`` and the spans in it of the words the plan asks for (for highlighted snippets)."""
    normal, units = _units(text)
    wanted = plan.terms()
    prefixes = tuple(term[:-1] for term in wanted if term.endswith("*"))
    spans: list[tuple[int, int]] = []

    def hit(terms: Iterable[str], *, exact: bool = False) -> bool:
        return any(term in wanted or (prefixes and not exact and term.startswith(prefixes)) for term in terms)

    for index, unit in enumerate(units):
        if hit(unit.stems):
            spans.append((unit.start, unit.end))
        # A joined pair only counts as a whole word asked for: «مردمنهاد*» must not light up «مردم‌نهاد تاکید».
        elif index and units[index - 1].segment == unit.segment and hit(_joined(units[index - 1], unit), exact=True):
            spans.append((units[index - 1].start, unit.end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return normal, merged


def analyzed_words(text: str, *, normalized: bool = False) -> list[str]:
    """The primary stem of each word of ``text`` in order (for similarity measures, not for the index).
    ``normalized`` says the caller already passed ``text`` through ``normalize``."""
    return [unit.stems[0] for unit in _units(text, normalized=normalized)[1]]


__all__ = [
    "STOP_WORDS",
    "QueryPlan",
    "analyzed_words",
    "hit_spans",
    "index_terms",
    "matches",
    "query_plan",
    "query_terms",
]
