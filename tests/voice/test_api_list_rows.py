"""API lists convert only the page they return: ``Rows`` hands ``@paginate`` a queryset it slices and counts.

Before, the public lists built every row (6,101 public pages, 3,000 news items at national scale) and kept one
page of them, so a request cost time and memory in proportion to the whole list.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hamafza.core.pagination import Rows
from hamafza.voice.services.pages import news_create, news_publish


def _news(world: Any, count: int) -> None:
    for n in range(count):
        item = news_create(
            organization=world.fars,
            title=f"نشست شماره {n} مدیران با سمن‌های فارس",
            body="<p>گزارش نشست ماهانه مدیران دستگاه‌ها با نمایندگان سازمان‌های مردم‌نهاد.</p>",
            by=world.fars_staff,
        )
        news_publish(item=item, by=world.fars_staff)


def test_rows_convert_only_the_sliced_page_and_count_in_the_database(voice_world: Any) -> None:
    from hamafza.voice.models import NewsItem

    _news(voice_world, 6)
    converted: list[int] = []
    rows = Rows(NewsItem.objects.order_by("id"), lambda item: converted.append(item.pk) or item.code)
    assert rows.all().count() == len(rows) == NewsItem.objects.count()
    page = rows[2:4]
    assert page == list(NewsItem.objects.order_by("id").values_list("code", flat=True)[2:4])
    assert len(converted) == 2
    assert rows[0] == NewsItem.objects.order_by("id").first().code


def test_the_news_api_costs_the_same_queries_for_ten_items_as_for_thirty(voice_world: Any) -> None:
    _news(voice_world, 8)
    client = Client()
    with CaptureQueriesContext(connection) as few:
        first = client.get("/api/v1/voice/news?page_size=5").json()
    _news(voice_world, 20)
    with CaptureQueriesContext(connection) as many:
        later = client.get("/api/v1/voice/news?page_size=5").json()
    assert len(first["items"]) == len(later["items"]) == 5
    assert later["count"] == first["count"] + 20
    assert len(many) == len(few)
    assert all("LIMIT" in q["sql"] or "COUNT" in q["sql"].upper() for q in many if "voice_newsitem" in q["sql"])
