"""``hamafza voice-reindex``: the search index rebuilt from the stored text, set-based, with progress."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from hamafza.voice.models import Comment, CommentStatus, SearchEntry
from hamafza.voice.services import search
from hamafza.voice.services.comments import comment_create
from hamafza.voice.services.pages import news_create

pytestmark = pytest.mark.django_db


def _titles(query: str) -> list[str]:
    return [hit.entry.title for hit in search.search(query).hits]


def _fts_rows() -> int | None:
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {search.FTS_TABLE}")
        return cursor.fetchone()[0]


def test_the_command_rebuilds_a_lost_index_with_progress(voice_world: Any, django_assert_max_num_queries: Any) -> None:
    for index in range(7):
        news_create(
            organization=voice_world.fars,
            title=f"گزارش بازرسان شماره {index}",
            body="<p>بازرسان از سازمان‌های مردم‌نهاد استان بازدید کردند.</p>",
            by=voice_world.fars_staff,
        )
    comment = comment_create(page=voice_world.page, text="تعامل با سمن‌ها باید منظم‌تر شود.", by=voice_world.citizen)
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.PUBLISHED)
    before = set(SearchEntry.objects.values_list("page_id", "comment_id", "terms"))
    # The index is lost (a restore from a dump without the FTS table's rows, say).
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {search.FTS_TABLE}")
    SearchEntry.objects.all().delete()
    assert _titles("بازرس") == []

    out = io.StringIO()
    # Set-based: a fixed number of queries for 9 pages and a comment, in chunks of 4.
    with django_assert_max_num_queries(16):
        call_command("voice_reindex", "--chunk", "4", stdout=out)
    text = out.getvalue()
    assert "نمایه‌سازی: ۴ از ۱۰" in text and "نمایه‌سازی: ۱۰ از ۱۰ (۱۰۰٪)" in text
    assert "۱۰ صفحه و نظر" in text

    published = {
        (page, comment, terms)
        for page, comment, terms in SearchEntry.objects.values_list("page_id", "comment_id", "terms")
    }
    assert published == before | {(voice_world.page.pk, comment.pk, " ".join(search.index_terms(comment.text)))}
    assert len(_titles("بازرس")) == 7
    assert [hit.entry.comment_id for hit in search.search("منظم‌تر").hits] == [comment.pk]
    if connection.vendor == "sqlite":
        assert _fts_rows() == SearchEntry.objects.count() == 10


def test_rebuilding_twice_gives_the_same_index_and_skips_what_is_not_public(voice_world: Any) -> None:
    held = comment_create(page=voice_world.page, text="نظری که هنوز بررسی نشده است", by=voice_world.citizen)
    assert held.status != CommentStatus.PUBLISHED
    first = search.rebuild()
    rows = sorted(SearchEntry.objects.values_list("page_id", "comment_id", "terms"))
    second = search.rebuild()
    assert first == second == 2  # the two news pages; the held comment is not public
    assert sorted(SearchEntry.objects.values_list("page_id", "comment_id", "terms")) == rows
    assert not SearchEntry.objects.filter(comment=held).exists()
    if connection.vendor == "sqlite":
        assert _fts_rows() == 2


def test_the_hamafza_console_name(voice_world: Any, capsys: Any) -> None:
    import sys

    from hamafza import cli

    argv = sys.argv
    sys.argv = ["hamafza", "voice-reindex", "--quiet"]
    try:
        cli.main()
    finally:
        sys.argv = argv
    assert "نمایه جستجو از نو ساخته شد: ۲ صفحه و نظر" in capsys.readouterr().out
