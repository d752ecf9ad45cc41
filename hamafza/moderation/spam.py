"""Spam: links, phone numbers with an offer, and the same thing said over and over.

Flooding from one address is the Django layer's to decide (it sees the addresses); this sees one comment.
"""

from __future__ import annotations

import re

from hamafza.persian.digits import to_latin_digits

_LINK = re.compile(
    r"(https?://|www\.|\b[a-z0-9-]+\.(?:ir|com|net|org|info|xyz|me|io|biz|shop|online|site)\b|t\.me/|bit\.ly|@[a-z0-9_]{4,})",
    re.IGNORECASE,
)
# An Iranian mobile (09…, +989…, 00989…) or a landline with area code, digits possibly spaced or dashed.
_PHONE = re.compile(r"(?:\+|00)?98[\s-]?9\d(?:[\s-]?\d){8}|\b0\d{2}[\s-]?\d(?:[\s-]?\d){6,7}\b|\b09\d(?:[\s-]?\d){8}\b")
_OFFER = re.compile(
    "تخفیف|خرید|فروش|سفارش|تماس|واتساپ|واتس\u200cاپ|تلگرام|ایتا|روبیکا|رایگان|درآمد|درامد|کسب|وام|ارزان|"
    "پیج|فالو|عضو|کانال|مشاوره|بفرستید|ارسال|پیامک|جایزه|قرعه|شارژ|بیمه|فوری|تضمینی|سود|اقساط|ویزا|"
    "مهاجرت|لایک|سرمایه|اینستا|instagram|telegram|whatsapp"
)
_TOKENS = re.compile(r"\w+")
_RUN = re.compile(r"(.)\1{9,}")


def has_link(text: str) -> bool:
    return bool(_LINK.search(text))


def has_phone_offer(text: str) -> bool:
    latin = to_latin_digits(text)
    return bool(_PHONE.search(latin)) and bool(_OFFER.search(latin))


def is_repetitive(text: str) -> bool:
    """The same word or phrase many times over, or one character held down."""
    if _RUN.search(text.replace(" ", "")) and len(set(text.replace(" ", ""))) < 6:
        return True
    tokens = _TOKENS.findall(text)
    if len(tokens) < 8:
        return False
    if len(set(tokens)) / len(tokens) < 0.35:
        return True
    # A phrase said three or more times in a row.
    for size in (1, 2, 3, 4):
        for start in range(len(tokens) - size * 3 + 1):
            phrase = tokens[start : start + size]
            if (
                tokens[start + size : start + size * 2] == phrase
                and tokens[start + size * 2 : start + size * 3] == phrase
            ):
                if size > 1 or len(tokens) >= 8:
                    return True
    return False


def is_spam(text: str) -> bool:
    return has_link(text) or has_phone_offer(text) or is_repetitive(text)
