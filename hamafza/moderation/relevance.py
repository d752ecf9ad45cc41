"""Is a comment about the page? TF-IDF weighted share of the comment's terms that the page also uses.

Terms come from the search analyzer (``hamafza.persian.analyzer``), stop words and the words every comment
uses whatever the page (ممنون، عالی، مسئولان …) out. Inverse document frequencies come from the page's own
sentences, so a term the page repeats in every sentence counts less than a specific one; a comment term the
page never uses weighs most. A short comment with too few content terms to judge is never called unrelated.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from hamafza.persian.analyzer import STOP_WORDS, analyzed_words

# Calibrated on tests/moderation/labeled_comments.tsv (see test_labeled_set.py for the table).
UNRELATED_BELOW = 0.12
MIN_CONTENT_TERMS = 3

# Words a comment on any page may use: thanks, praise, blame, the people addressed, filler verbs.
GENERIC_COMMENT_WORDS = frozenset(
    """
    ممنون مرسی سپاس تشکر متشکر عالی خوب بد خیلی بسیار واقعا لطفا لطفاً مطلب خبر گزارش مسئول مسئولین مسئولان
    مدیر مردم دولت کشور شهر امیدوار امید ایشالا انشالله انشاالله ان‌شاءالله موفق باشید باشیم کاش ای چرا چطور
    چه کار کارها کنید کنیم کنند کرد کردند کرده شد شده شوند شود میشه بشه نیست هست دارند داریم دارم دارید
    میکنند میکنم نمیکنند نمیشه بود بودند بودیم بگویم گفت گفتند گفته حرف حرفها فقط همیشه هرگز هیچ هنوز
    دیگه دیگر واقعی درست غلط اصلا اصلاً حتما حتماً باید نباید وقت سال امسال پارسال الان قبلا قبلاً بعدا همه
    ما شما اونها انها من تو او ایشان یکی یه چیزی چیز نظر نظرم سوال پیشنهاد انتقاد اینجا انجا خودشان خودمان
    موافقم مخالفم موافق مخالف امیدوارم جدی گرفته بگیرند بگیرید بار دفعه حق درسته دقیقا
    """.split()
)
# Public-affairs words: a comment about the agency, its managers or its work is on the subject of an agency's
# page even when it does not repeat the page's words (سمن for «سازمان مردم‌نهاد», the governor for the article
# on a governor's directive). They count as shared at a lower weight than the page's own terms.
CIVIC_WORDS = frozenset(
    """
    استاندار استانداری فرماندار فرمانداری شهردار شهرداری بخشدار دهیار شورا مدیرکل اداره ادارات دستگاه سازمان
    وزارت وزیر معاون معاونت سمن سمن‌ها نهاد مردم‌نهاد داوطلب استان شهرستان منطقه محله روستا جلسه نشست گزارش
    عملکرد ارزیابی شاخص بودجه طرح برنامه مشارکت شهروند شهروندان وعده شفافیت پاسخگو پاسخگویی نقد منتقد
    ابلاغیه دستورالعمل مصوبه اجرا اجرایی بهزیستی مجوز نامه درخواست پیگیری خدمات توسعه اشتغال بیکاری حکمرانی
    تصمیم سیاست قانون بازرسی استعفا برکناری انتصاب حقوق مالیات عوارض زباله پسماند آسفالت
    """.split()
)
CIVIC_WEIGHT = 0.7
_PREFIX = 5
_SENTENCE = re.compile(r"[.!?؟\n]+")


def _content_terms(text: str, *, normalized: bool = False) -> list[str]:
    return [
        term
        for term in analyzed_words(text, normalized=normalized)
        if len(term) > 1 and not term.isdigit() and term not in STOP_WORDS and term not in _GENERIC
    ]


_GENERIC = frozenset(term for word in GENERIC_COMMENT_WORDS for term in analyzed_words(word))


_CIVIC = frozenset(term for word in CIVIC_WORDS for term in analyzed_words(word))


@dataclass(frozen=True, slots=True)
class _Page:
    terms: frozenset[str]
    prefixes: frozenset[str]
    idf: dict[str, float]
    unseen_idf: float


@lru_cache(maxsize=256)
def _page(page_text: str) -> _Page:
    sentences = [sentence for sentence in _SENTENCE.split(page_text) if sentence.strip()]
    frequency: dict[str, int] = {}
    for sentence in sentences:
        for term in set(_content_terms(sentence)):
            frequency[term] = frequency.get(term, 0) + 1
    total = len(sentences) + 1
    idf = {term: math.log(total / (count + 0.5)) + 1.0 for term, count in frequency.items()}
    prefixes = frozenset(term[:_PREFIX] for term in frequency if len(term) >= _PREFIX)
    return _Page(frozenset(frequency), prefixes, idf, math.log(total / 0.5) + 1.0)


def _shared(term: str, page: _Page) -> float:
    """How much a comment term counts as the page's: its own word, the same word with another ending
    (استاندار / استانداری share their first five letters), or a public-affairs word."""
    if term in page.terms or (len(term) >= _PREFIX and term[:_PREFIX] in page.prefixes):
        return 1.0
    return CIVIC_WEIGHT if term in _CIVIC else 0.0


def relevance(text: str, page_text: str, *, normalized: bool = False) -> float | None:
    """Share (0–1) of the comment's TF-IDF weight on terms the page uses; None when too short to judge."""
    terms = _content_terms(text, normalized=normalized)
    if len(set(terms)) < MIN_CONTENT_TERMS:
        return None
    page = _page(page_text)
    total = shared = 0.0
    for term in terms:
        weight = page.idf.get(term, page.unseen_idf)
        total += weight
        shared += weight * _shared(term, page)
    return shared / total if total else None


def is_unrelated(text: str, page_text: str, *, normalized: bool = False) -> bool:
    if not page_text.strip():
        return False
    score = relevance(text, page_text, normalized=normalized)
    return score is not None and score < UNRELATED_BELOW
