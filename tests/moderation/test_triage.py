"""triage(): each rule on its own, the evasions it folds, and what it must let through."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamafza.moderation import RULE_LABELS, RULES, triage
from hamafza.moderation.relevance import relevance

PAGE = (
    "استاندار فارس در ابلاغیه‌ای بر تعامل هدفمند مدیران دستگاه‌های اجرایی با سازمان‌های مردم‌نهاد تأکید کرد. "
    "مشارکت داوطلبانه شهروندان سرمایه اجتماعی استان را تقویت می‌کند. مدیران باید جلسات منظم با سمن‌ها داشته باشند."
)


# Variants written for this test, not copied from the labeled set: the lexicon must fold them, not list them.
@pytest.mark.parametrize(
    "text",
    [
        "این مدیر کودن است",
        "مدیر ک و د ن",
        "مدیر خ‌ن‌گ",
        "مسئول بیـــشعــــور",
        "مسئول بیشعووووور",
        "مسئول بی شعور",
        "مسئول نا مرد",
        "مدیر عوضیییی",
        "مدیر ع*و*ض*ی",
        "مدیر خا*ن",
        "مدیر al@غ",
        "مدیر khaen",
        "مدیر ا\u200bح\u200dم\u200cق",
        "مدير احمق",
        "مدیر ﺍﺣﻤﻖ",
        "مسئولان کلاهبردارها",
    ],
)
def test_an_insult_is_held_however_it_is_disguised(text: str) -> None:
    assert "insult" in triage(text).rules


@pytest.mark.parametrize(
    "text",
    [
        "این مدیریت ناکارآمد و بی‌کفایت باید پاسخگو باشد.",
        "عملکرد شهرداری فاجعه‌بار است و شهردار باید استعفا دهد.",
        "دزدی از خودروها در محله ما زیاد شده و پلیس کاری نمی‌کند.",
        "در عوض یک جلسه، ده جلسه گذاشتند و هیچ نتیجه‌ای نگرفتند.",
        "نفهمیدم این ابلاغیه چه چیزی را عوض می‌کند.",
        "گاوداری‌های اطراف شهر بوی بدی راه انداخته‌اند.",
        "خرید تجهیزات اداره با قیمت گزاف انجام شد؛ این را بررسی کنید.",
        "سگ‌های ولگرد در پارک محله خطرناک شده‌اند.",
        "به نفع همه است که مدیران پاسخ بدهند.",
    ],
)
def test_harsh_critique_and_words_that_contain_insults_are_not_insults(text: str) -> None:
    assert "insult" not in triage(text).rules


@pytest.mark.parametrize(
    "text",
    [
        "گزارش را به صورت PDF منتشر کنید.",
        "جلسه سال 1404 کی برگزار می‌شود؟",
        "۱۲۳۴",
        "👍👍",
        "اين مدير در اداره كار نمي‌كند و هيچ پاسخي نمي‌دهد",  # Persian typed on an Arabic keyboard
        "سامانه ERP اداره هنوز راه نیفتاده است.",
    ],
)
def test_persian_with_an_english_word_a_number_or_arabic_keyboard_letters_is_persian(text: str) -> None:
    assert "non_persian" not in triage(text).rules


@pytest.mark.parametrize(
    "text",
    [
        "Please answer our letters, the office ignores everyone.",
        "modir edare javab nemide be hich kas",
        "نرجو من المسؤولين الاستماع إلى صوت المواطنين في هذه المدينة",
        "هذه المبادرة ممتازة",
    ],
)
def test_english_finglish_and_arabic_are_not_persian(text: str) -> None:
    assert "non_persian" in triage(text).rules


def test_an_unrelated_comment_is_held_only_when_the_page_is_given() -> None:
    text = "قیمت سکه و طلا در بازار امروز دوباره بالا رفت و خریداران نگران شدند."
    assert triage(text, PAGE).rules == ("unrelated",)
    assert triage(text).rules == ()


def test_a_comment_on_the_subject_in_other_words_is_related() -> None:
    assert not triage("سمن‌های حوزه زنان در شهرستان ما هیچ جلسه‌ای با اداره کل نداشته‌اند.", PAGE).held
    score = relevance("سازمانهای مردمنهاد و مشارکت داوطلبانه شهروندان در استان فارس", PAGE)
    assert score is not None and score > 0.5


def test_a_short_comment_has_too_few_words_to_be_called_unrelated() -> None:
    assert relevance("خیلی عالی، ممنون", PAGE) is None
    assert not triage("خیلی عالی، ممنون", PAGE).held


@pytest.mark.parametrize(
    "text",
    [
        "ارزان‌ترین بلیت را از سایت ما بخرید www.example.ir",
        "خرید ارز با نرخ ویژه، واتساپ ۰۹۱۲ ۳۴۵ ۶۷ ۸۹",
        "تماس برای تخفیف: +989121234567",
        "چرا چرا چرا چرا چرا چرا چرا چرا چرا",
    ],
)
def test_links_phone_offers_and_repetition_are_spam(text: str) -> None:
    assert "spam" in triage(text).rules


def test_a_phone_number_without_an_offer_is_not_spam() -> None:
    assert "spam" not in triage("شماره ۰۹۱۲۱۲۳۴۵۶۷ اداره جواب نمی‌دهد، لطفاً پیگیری کنید.").rules


def test_every_rule_that_holds_a_comment_is_named_and_has_a_persian_label() -> None:
    result = triage("this governor is ahmagh, visit www.example.com")
    assert result.held
    assert result.rules == ("insult", "non_persian", "spam")
    assert set(RULE_LABELS) == set(RULES)


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=600), st.text(max_size=300))
def test_triage_never_fails_and_held_means_a_rule_was_named(text: str, page: str) -> None:
    result = triage(text, page)
    assert result.held == bool(result.rules)
    assert list(result.rules) == [rule for rule in RULES if rule in result.rules]
