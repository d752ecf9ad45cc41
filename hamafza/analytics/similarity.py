"""TF-IDF cosine similarity over normalized Persian terms: which texts speak of the same things, and in which words.

Pure Python and numpy. Terms are words of ``persian.search_key`` (so ی/ي, ک/ك, digits and ZWNJ variants are one
term); stop words and one-letter words carry no meaning and are dropped. Each match names the terms it shares
with the query, heaviest first, so a ranking can explain itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from hamafza.persian import search_key

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Function words of Persian writing, in search-key form. Suffixes split off by ZWNJ (ها، های، تر، ترین) are here
# too: «آسیب‌های اجتماعی» becomes «آسیب» «های» «اجتماعی» and only the first and last say anything.
PERSIAN_STOP_WORDS = frozenset(
    search_key(word)
    for word in (
        "و در به از که این آن با برای را تا یا هم نیز اما ولی اگر چون چه هر همه بر بی پس پیش نه"
        " است هست بود شد شود شده شوند کرد کند کنند کرده نماید گردد باشد باشند دارد دارند داشت"
        " ها های هایی ای ی تر ترین می نمی خود خویش ما شما آنها ایشان او وی من تو"
        " یک دو سه چند دیگر همین همان چنین چنان آنجا اینجا کنار میان بین درباره طریق جهت"
        " سوی روی زیر بالای حتی فقط نیز بسیار خیلی کاملا ضمن طی توسط مورد موارد سایر"
    ).split()
)


def terms(text: str, stop_words: frozenset[str] = PERSIAN_STOP_WORDS) -> list[str]:
    return [w for w in _WORD.findall(search_key(text)) if len(w) > 1 and w not in stop_words]


@dataclass(frozen=True)
class TextMatch:
    score: float  # cosine similarity, 0..1
    terms: tuple[str, ...]  # shared terms, heaviest first


def tfidf_similarity(
    query: str, documents: Sequence[str], *, stop_words: frozenset[str] = PERSIAN_STOP_WORDS, top_terms: int = 5
) -> list[TextMatch]:
    """The cosine of the query's TF-IDF vector with each document's, over the query and documents as corpus."""
    doc_terms = [terms(d, stop_words) for d in documents]
    query_terms = terms(query, stop_words)
    if not query_terms or not documents:
        return [TextMatch(0.0, ()) for _ in documents]
    vocabulary = {t: i for i, t in enumerate(dict.fromkeys(query_terms))}
    # Only the query's terms can contribute to the dot product; the rest matter only for each document's norm.
    size = len(vocabulary)
    counts = np.zeros((len(documents), size))
    rest_sq = np.zeros(len(documents))
    df = np.zeros(size)
    other_df: dict[str, int] = {}
    for row, words in enumerate(doc_terms):
        unique = set(words)
        for word in unique:
            if word in vocabulary:
                df[vocabulary[word]] += 1
            else:
                other_df[word] = other_df.get(word, 0) + 1
        for word in words:
            if word in vocabulary:
                counts[row, vocabulary[word]] += 1
    n = len(documents) + 1  # the query is part of the corpus
    idf = np.log((1 + n) / (1 + df + 1)) + 1
    doc_vectors = counts * idf
    for row, words in enumerate(doc_terms):
        # The norm needs the document's other terms too, each with its own idf.
        tally: dict[str, int] = {}
        for word in words:
            if word not in vocabulary:
                tally[word] = tally.get(word, 0) + 1
        rest_sq[row] = sum((c * (np.log((1 + n) / (1 + other_df[w])) + 1)) ** 2 for w, c in tally.items())
    query_counts = np.zeros(size)
    for word in query_terms:
        query_counts[vocabulary[word]] += 1
    query_vector = query_counts * idf
    query_norm = float(np.linalg.norm(query_vector))
    doc_norms = np.sqrt((doc_vectors**2).sum(axis=1) + rest_sq)
    contributions = doc_vectors * query_vector
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(doc_norms > 0, contributions.sum(axis=1) / (doc_norms * query_norm), 0.0)
    names = list(vocabulary)
    results = []
    for row in range(len(documents)):
        order = [i for i in np.argsort(-contributions[row]) if contributions[row, i] > 0][:top_terms]
        results.append(TextMatch(float(np.clip(scores[row], 0.0, 1.0)), tuple(names[i] for i in order)))
    return results
