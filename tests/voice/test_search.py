"""Persian search over public pages and published comments, on whichever database the tests run on
(SQLite's FTS5 by default; PostgreSQL's tsvector with DATABASE_URL=postgres://…)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from hamafza.voice.services import search
from hamafza.voice.services.comments import comment_create
from hamafza.voice.services.pages import news_create


def _titles(query: str, *, prefix: bool = True) -> list[str]:
    return [hit.entry.title for hit in search.search(query, prefix=prefix).hits]


@pytest.mark.parametrize("query", ["سازمانهای مردمنهاد", "سازمان هاي مردم نهاد", "مردم‌نهاد", "مردمنهاد"])
def test_a_page_with_ngos_is_found_by_every_spelling(voice_world: Any, query: str) -> None:
    assert voice_world.news.title in _titles(query)


def test_inspectors_digits_and_plurals(voice_world: Any) -> None:
    news_create(
        organization=voice_world.fars,
        title="گزارش بازرسان استان",
        body="<p>بازرسان در سال 1404 از ادارات استان بازدید کردند.</p>",
        by=voice_world.fars_staff,
    )
    assert "گزارش بازرسان استان" in _titles("بازرس")
    assert "گزارش بازرسان استان" in _titles("۱۴۰۴")
    # A finished word «است» (prefix off: the person pressed search after it) does not find «استان».
    assert "گزارش بازرسان استان" not in _titles("است", prefix=False)
    assert "گزارش بازرسان استان" not in _titles("تهر", prefix=False)


def test_the_word_being_typed_is_matched_as_a_prefix(voice_world: Any) -> None:
    assert voice_world.news.title in _titles("سازمانهای مرد")


def test_published_comments_are_found_and_held_ones_are_not(voice_world: Any) -> None:
    comment_create(page=voice_world.page, text="پیشنهاد می‌کنم دبیرخانه سمن‌های شیراز هر ماه جلسه بگذارد.")
    comment_create(page=voice_world.page, text="دبیرخانه را ببندید احمق‌ها")
    hits = search.search("دبیرخانه").hits
    assert len(hits) == 1 and hits[0].entry.comment_id is not None


def test_results_are_ranked_highlighted_and_paginated(voice_world: Any) -> None:
    for index in range(12):
        news_create(
            organization=voice_world.fars,
            title=f"پسماند شهری {index}",
            body="<p>مدیریت پسماند در شهرستان‌ها.</p>" + ("<p>پسماند</p>" * (index % 3)),
            by=voice_world.fars_staff,
        )
    first = search.search("پسماند", page=1, per_page=10)
    second = search.search("پسماند", page=2, per_page=10)
    assert first.total == 12 and len(first.hits) == 10 and len(second.hits) == 2
    assert not {h.entry.pk for h in first.hits} & {h.entry.pk for h in second.hits}
    html = Client().get(reverse("voice:search"), {"q": "مردمنهاد"}).content.decode()
    assert "<mark>مردم‌نهاد</mark>" in html


def test_the_search_page_shows_a_persian_result_count_and_survives_any_query(voice_world: Any) -> None:
    client = Client()
    assert "نتیجه" in client.get(reverse("voice:search"), {"q": "سمن"}).content.decode()
    for query in ['"', "*", "OR AND NOT", "(", ":*", "&|!", "a'b", "NEAR(", "^"]:
        assert client.get(reverse("voice:search"), {"q": query}).status_code == 200


def test_the_index_runs_on_this_databases_full_text_engine(voice_world: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM voice_search_fts")
        else:
            cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname = 'voice_searchentry_tsv_gin'")
        assert cursor.fetchone()[0] >= 1
