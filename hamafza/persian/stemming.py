"""A light Persian stemmer for search: plural and clitic endings off, words that merely end in them left alone.

Only endings a reader would strip are stripped (ها، های، ان، ات، گان، یان …), and only when what stays is long
enough to be a word and the whole is not one of the many Persian words that happen to end in those letters
(استان is not است + ان, تهران is not تهر + ان). ``stem_candidates`` returns every stem a written form can stand
for, the likeliest first: «خانهای» (no ZWNJ) is «خانه‌ای» or «خان‌های», and the index keeps both.

Words reach here already folded by the analyzer (digits Latin, ی/ک Persian, آ → ا, no ZWNJ).
"""

from __future__ import annotations

from functools import lru_cache

# Words ending in ان / ات / ها that are not plurals. Kept folded (آ → ا, ئ → ی) like the words they guard.
_NOT_PLURAL_AN = frozenset(
    """
    استان ایران تهران سازمان زمان میان جوان نوجوان کاشان کرمان گیلان زنجان سمنان همدان خراسان مازندران اصفهان
    اذربایجان لرستان گلستان کردستان سیستان بلوچستان خوزستان هرمزگان گرگان شهرستان بیمارستان دبیرستان دبستان
    تابستان زمستان دادستان داستان بوستان هنرستان کوهستان قبرستان گورستان پاکستان افغانستان عربستان انگلستان
    ارمنستان گرجستان هندوستان ترکمنستان تاجیکستان انسان امکان مکان اسکان پلکان دکان پایان جریان بیان بنیان درمان
    فرمان قران قهرمان مهمان میزان ایمان پیمان زبان نشان جهان اسمان باران بیابان خیابان کاروان دیوان ایوان روان
    توان ناتوان عنوان پهلوان ارغوان کیوان نوسان ارزان نگران فراوان ویران بحران دوران جبران عمران حیران
    زعفران کمان گمان فلان همان چنان همچنان انچنان ایشان پریشان درخشان جوشان خروشان شان جان خان زندان دندان
    خاندان میدان گلدان ابادان سودان نادان سامان ساختمان ارمان گفتمان زایمان چیدمان دودمان خانمان ریسمان دامان
    سلمان مسلمان عثمان سلیمان نریمان رمضان ابان شعبان ارمغان پنهان کیهان ناگهان لبنان یونان عمان سلطان
    شیطان نقصان اذعان اعلان بطلان میلان دهقان فرقان عرفان طوفان هیجان مرجان لاهیجان رفسنجان سیرجان یکسان همسان
    لرزان سوزان فروزان اویزان خیزان گریزان نازان بازرگان رایگان گروگان مهرگان نگهبان پاسبان باغبان دربان
    مرزبان دیدبان میزبان گریبان نردبان مهربان پشتیبان سایبان ساربان شادمان پشیمان پیشمان نمایان شایان کیان
    بادبان تابان ایلان بستان پستان کلان ویلان امان
    جیران شمیران کهریزان
    """.split()
)
_NOT_PLURAL_AT = frozenset(
    """
    حیات نجات ثبات زکات برات اثبات صلوات مساوات
    """.split()
)
_NOT_PLURAL_HA = frozenset(
    """
    تنها انتها اشتها فقها تنهای تنهایی رهایی انتهای نهایی
    """.split()
)
# A plural of a word ending in «ستان» (friends, supervisors, hands) against the many places that end in it.
_STAN_PLURALS = ("دوستان", "پرستان", "دستان")
# Most «…بان» words are «keeper of» (نگهبان، پشتیبان); these are plurals of words ending in ب.
_BAN_PLURALS = ("طلبان", "غایبان", "نایبان", "کاتبان", "طالبان", "مخاطبان", "داوطلبان")

# A protected word stays protected at the end of a compound written joined (اتش‌نشان = اتشنشان).
_LONGEST_PROTECTED = 9


def _protected(word: str, words: frozenset[str]) -> bool:
    return any(word[-size:] in words for size in range(4, min(len(word), _LONGEST_PROTECTED) + 1))


_HA_SUFFIXES = ("هایشان", "هایتان", "هایمان", "هایش", "هایت", "هایم", "هایی", "های", "ها")
MIN_STEM = 3


@lru_cache(maxsize=65536)
def stem_candidates(word: str) -> tuple[str, ...]:
    """Every stem ``word`` may stand for, the likeliest first; a word with no plural ending is its own stem."""
    if len(word) <= MIN_STEM or not word[-1].isalpha() or word.isascii():
        return (word,)
    for suffix in _HA_SUFFIXES:
        if word.endswith(suffix):
            return _strip_ha(word, suffix)
    if word.endswith("ان"):
        return _strip_an(word)
    if word.endswith("ات") and not _protected(word, _NOT_PLURAL_AT):
        stem = word[:-2]
        if len(stem) >= MIN_STEM:
            # ادارات is the plural of اداره, خدمات of خدمت: keep the likely singulars too.
            return (stem, stem + "ه", stem + "ت")
    return (word,)


def _strip_ha(word: str, suffix: str) -> tuple[str, ...]:
    if _protected(word, _NOT_PLURAL_HA):
        return (word,)
    stem = word[: -len(suffix)]
    if len(stem) < 2:
        return (word,)
    if suffix == "های":
        # «…ه‌ای» written without its ZWNJ looks like «…های»: خانهای is خانه‌ای as often as خان‌های.
        return (stem, word[:-2])
    return (stem,)


def _strip_an(word: str) -> tuple[str, ...]:
    if _protected(word, _NOT_PLURAL_AN):
        return (word,)
    if word.endswith("ستان") and not word.endswith(_STAN_PLURALS):
        return (word,)
    if word.endswith("ادستان"):  # دادستان: a prosecutor, not hands
        return (word,)
    if word.endswith("بان") and not word.endswith(_BAN_PLURALS):
        return (word,)
    if word.endswith("گان"):
        # نمایندگان → نماینده, نخبگان → نخبه: the ه of the singular turns into گ before ان; but بزرگان → بزرگ.
        stem = word[:-3] + "ه"
        return (stem, word[:-2]) if len(stem) > MIN_STEM else (word,)
    if word.endswith("یان") and word[-4:-3] in ("ا", "و"):
        # دانشجویان → دانشجو, اقایان → اقا: a glide ی joins a vowel to ان.
        stem = word[:-3]
        return (stem,) if len(stem) >= MIN_STEM else (word,)
    stem = word[:-2]
    return (stem,) if len(stem) >= MIN_STEM else (word,)


__all__ = ["MIN_STEM", "stem_candidates"]
