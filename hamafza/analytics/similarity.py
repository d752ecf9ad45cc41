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


def document_frequencies(doc_terms: Sequence[Sequence[str]]) -> dict[str, int]:
    """How many documents hold each term: the corpus statistics a TF-IDF needs besides the documents it scores."""
    df: dict[str, int] = {}
    for words in doc_terms:
        for word in set(words):
            df[word] = df.get(word, 0) + 1
    return df


def tfidf_similarity(
    query: str, documents: Sequence[str], *, stop_words: frozenset[str] = PERSIAN_STOP_WORDS, top_terms: int = 5
) -> list[TextMatch]:
    """The cosine of the query's TF-IDF vector with each document's, over the query and documents as corpus."""
    doc_terms = [terms(d, stop_words) for d in documents]
    return tfidf_scores(
        terms(query, stop_words), doc_terms, df=document_frequencies(doc_terms), corpus_size=len(documents),
        top_terms=top_terms,
    )  # fmt: skip


@dataclass(frozen=True)
class Weights:
    """TF-IDF cosines of a query with many documents; the shared terms of a document only when asked for."""

    scores: np.ndarray  # one cosine (0..1) a document
    contributions: np.ndarray  # documents × the query's terms: each term's part of the dot product
    names: tuple[str, ...]  # the query's terms, in the columns' order

    def terms_of(self, row: int, top: int = 5) -> tuple[str, ...]:
        order = [i for i in np.argsort(-self.contributions[row]) if self.contributions[row, i] > 0][:top]
        return tuple(self.names[i] for i in order)


def tfidf_scores(
    query_terms: Sequence[str],
    doc_terms: Sequence[Sequence[str]],
    *,
    df: dict[str, int],
    corpus_size: int,
    top_terms: int = 5,
) -> list[TextMatch]:
    """The TF-IDF cosine of the query with each of ``doc_terms``, the weights taken from a whole corpus of
    ``corpus_size`` documents whose document frequencies are ``df`` (see ``tfidf_weights``)."""
    weights = tfidf_weights(query_terms, doc_terms, df=df, corpus_size=corpus_size)
    return [TextMatch(float(weights.scores[row]), weights.terms_of(row, top_terms)) for row in range(len(doc_terms))]


def tfidf_weights(
    query_terms: Sequence[str], doc_terms: Sequence[Sequence[str]], *, df: dict[str, int], corpus_size: int
) -> Weights:
    """The TF-IDF cosines of the query with ``doc_terms``, the weights taken from a whole corpus of ``corpus_size``
    documents whose document frequencies are ``df``.

    The documents scored may be only part of that corpus (those that can match at all): each gets the score it
    would have had among all of them, since a term's weight depends on the corpus and not on who else is scored.
    """
    vocabulary = {t: i for i, t in enumerate(dict.fromkeys(query_terms))}
    size = len(vocabulary)
    if not size or not doc_terms:
        return Weights(np.zeros(len(doc_terms)), np.zeros((len(doc_terms), size)), tuple(vocabulary))
    # Only the query's terms can contribute to the dot product; the rest matter only for each document's norm.
    counts = np.zeros((len(doc_terms), size))
    rest_sq = np.zeros(len(doc_terms))
    n = corpus_size + 1  # the query is part of the corpus
    query_df = np.array([df.get(term, 0) for term in vocabulary], dtype=float)
    idf = np.log((1 + n) / (1 + query_df + 1)) + 1
    for row, words in enumerate(doc_terms):
        # The norm needs the document's other terms too, each with its own idf.
        tally: dict[str, int] = {}
        for word in words:
            column = vocabulary.get(word)
            if column is None:
                tally[word] = tally.get(word, 0) + 1
            else:
                counts[row, column] += 1
        rest_sq[row] = sum((c * (np.log((1 + n) / (1 + df.get(w, 1))) + 1)) ** 2 for w, c in tally.items())
    doc_vectors = counts * idf
    query_counts = np.zeros(size)
    for word in query_terms:
        query_counts[vocabulary[word]] += 1
    query_vector = query_counts * idf
    query_norm = float(np.linalg.norm(query_vector))
    doc_norms = np.sqrt((doc_vectors**2).sum(axis=1) + rest_sq)
    contributions = doc_vectors * query_vector
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(doc_norms > 0, contributions.sum(axis=1) / (doc_norms * query_norm), 0.0)
    return Weights(np.clip(scores, 0.0, 1.0), contributions, tuple(vocabulary))
