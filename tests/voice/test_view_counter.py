"""A busy news page's views, counted in Redis and written to the row twenty at a time.

Every view of a page served from the cache was an UPDATE of one hot row (its lock and its commit): a third of the
time of serving the busiest news page. With Redis, as in production, views wait there and go to the database
``VIEW_FLUSH`` at a time, and what people see adds the waiting ones. Runs against the real Redis on 127.0.0.1.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from hamafza.voice.models import NewsItem
from hamafza.voice.services.pages import VIEW_FLUSH

REDIS = os.environ.get("HAMAFZA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15").rsplit("/", 1)[0] + "/14"


@pytest.fixture
def buffered(settings: Any) -> Any:
    prefix = f"views-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {"BACKEND": "hamafza.core.cache.RedisCache", "LOCATION": REDIS, "KEY_PREFIX": prefix}}
    settings.HAMAFZA_BUFFER_VIEWS = True
    yield
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def _published(world: Any) -> NewsItem:
    item = NewsItem.objects.get(pk=world.news.pk)
    assert item.published_at is not None
    return item


def test_views_wait_in_redis_and_reach_the_row_twenty_at_a_time(voice_world: Any, buffered: Any) -> None:
    item = _published(voice_world)
    url = reverse("voice:news_detail", args=[item.code])
    for _ in range(2 * VIEW_FLUSH + 5):
        assert Client().get(url).status_code == 200
    # Two flushes of twenty reached the row; five views wait in Redis.
    assert NewsItem.objects.get(pk=item.pk).view_count == 2 * VIEW_FLUSH
    # What people see counts them all: the news list, the API list and a fresh render of the page.
    listed = Client().get(reverse("voice:news_list")).content.decode()
    assert "۴۵" in listed
    api = Client().get("/api/v1/voice/news").json()
    assert next(row for row in api["items"] if row["code"] == item.code)["view_count"] == 2 * VIEW_FLUSH + 5


def test_a_cached_view_costs_no_write_until_the_flush(
    voice_world: Any, buffered: Any, django_assert_num_queries: Any
) -> None:
    item = _published(voice_world)
    url = reverse("voice:news_detail", args=[item.code])
    Client().get(url)  # renders, stores the page, counts the first view
    for _ in range(VIEW_FLUSH - 2):
        with django_assert_num_queries(1):  # the newest audit entry's number only
            Client().get(url)
    with django_assert_num_queries(2):  # the twentieth view writes the twenty
        Client().get(url)
    assert NewsItem.objects.get(pk=item.pk).view_count == VIEW_FLUSH
