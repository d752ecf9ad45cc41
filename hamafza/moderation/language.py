"""Is a comment written in Persian? By script share, and for Arabic (same script) by Arabic-only letters/words.

A Persian comment with an English word, a brand or a number passes; English, Finglish (Persian in Latin
letters) and Arabic do not. Arabic is told from Persian by what only Arabic uses: ة, the Arabic forms of
ی/ک when the text has no Persian-only letter, and above all Arabic function words (في، هذا، التي …); a
Persian who types on an Arabic keyboard gets ي and ك but still writes است، این، که.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LATIN = re.compile(r"[A-Za-z]")
_ARABIC_SCRIPT = re.compile("[\u0621-\u064a\u0671-\u06d3\u06ff]")
_PERSIAN_ONLY = re.compile("[پچژگ\u06cc\u06a9]")  # پ چ ژ گ and the Persian ی ک
_ARABIC_ONLY = re.compile("[ةىكي]")  # ta marbuta, alef maksura, Arabic kaf and yeh
_WORD = re.compile("[\u0621-\u06ff\u200c]+")
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "أ": "ا", "إ": "ا"})

ARABIC_WORDS = frozenset(
    """
    فی هذا هذه ذلک تلک التی الذی الذین عن لم لن لیس لیست کان کانت یکون هو نحن انت انتم ثم ایضا لکن
    لان ان بعض عند مع منذ لقد سوف شکرا ماذا لماذا متی نعم لا اللی هاذا بدون اقل کثیر یجب نرید نحتاج
    هناک هنا جمیع لدینا علینا الیوم
    """.split()
)
PERSIAN_WORDS = frozenset(
    """
    است این که را می نمی های ها برای از با شود شد کرد کند کنند باشد بود هست نیست دارد ندارد اند ای
    هم یا اما اگر چرا چه چطور کجا کی آن اون این ما شما آنها ایشان خیلی بسیار باید نباید شده بشه میشه
    """.split()
)


@dataclass(frozen=True, slots=True)
class ScriptShare:
    latin: int
    arabic_script: int
    arabic_signals: int
    persian_signals: int

    @property
    def letters(self) -> int:
        return self.latin + self.arabic_script


def script_share(text: str) -> ScriptShare:
    words = [word.translate(_FOLD) for word in _WORD.findall(text)]
    arabic_words = sum(word in ARABIC_WORDS for word in words)
    # «ال» before a word is Arabic's article; Persian keeps it only in set loans (بین‌الملل، فی‌الواقع).
    articles = sum(1 for word in _WORD.findall(text) if word.startswith("ال") and len(word) > 4)
    persian_words = sum(word in PERSIAN_WORDS for word in words)
    return ScriptShare(
        latin=len(_LATIN.findall(text)),
        arabic_script=len(_ARABIC_SCRIPT.findall(text)),
        arabic_signals=arabic_words * 2 + articles + len(re.findall("ة", text)) * 2,
        persian_signals=persian_words * 2 + len(_PERSIAN_ONLY.findall(text)),
    )


_LINK = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:ir|com|net|org)\S*|@\w+", re.IGNORECASE)


def is_non_persian(text: str) -> bool:
    # A link or a handle is Latin whatever language the comment is in; spam is another rule's business.
    share = script_share(_LINK.sub(" ", text))
    if share.letters < 3:
        return False  # a number, an emoji, «OK»: nothing to judge the language of
    if share.latin > share.arabic_script:
        return True
    if share.persian_signals == 0:
        return share.arabic_signals > 0 or bool(_ARABIC_ONLY.search(text))
    return share.arabic_signals > share.persian_signals
