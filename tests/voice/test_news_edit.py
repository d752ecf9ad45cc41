"""The news edit page: publishers of the news' agency only, a stale edit is a 409, every edit audited and
re-indexed for search."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hamafza.core.models import AuditEntry
from hamafza.voice.models import NewsItem
from hamafza.voice.services import search

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _data(item: NewsItem, **changes: Any) -> dict[str, Any]:
    return {"title": item.title, "lead": item.lead, "body": item.body, "version": item.version, **changes}


def test_a_publisher_edits_the_news_and_it_is_audited_and_reindexed(voice_world: Any) -> None:
    item = voice_world.news
    client = _client(voice_world.fars_staff)
    url = reverse("voice:news_edit", args=[item.code])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="version"' in html and item.title in html
    assert url in client.get(reverse("voice:news_detail", args=[item.code])).content.decode()

    response = client.post(
        url, _data(item, title="نشست بازرسان فارس با سمن‌ها", body="<p>بازرسان گزارش دادند.</p><script>x()</script>")
    )
    assert response.status_code == 302 and response["Location"] == reverse("voice:news_detail", args=[item.code])
    item.refresh_from_db()
    assert (item.title, item.version) == ("نشست بازرسان فارس با سمن‌ها", 2)
    assert "<script>" not in item.body
    assert AuditEntry.objects.filter(action="voice.news.update", target_id=str(item.pk)).count() == 1
    # The public page and the search index follow the edit.
    item.page.refresh_from_db()
    assert item.page.title == item.title
    assert [hit.entry.page_id for hit in search.search("بازرس").hits] == [item.page.pk]


def test_a_stale_edit_is_a_409_and_changes_nothing(voice_world: Any) -> None:
    item = voice_world.news
    url = reverse("voice:news_edit", args=[item.code])
    first, second = _client(voice_world.fars_staff), _client(voice_world.fars_staff)
    opened = _data(item)  # both opened version 1
    assert first.post(url, {**opened, "title": "عنوان نخست"}).status_code == 302
    response = second.post(url, {**opened, "title": "عنوان دوم"})
    assert response.status_code == 409
    assert "تغییر کرده است" in response.content.decode()
    item.refresh_from_db()
    assert (item.title, item.version) == ("عنوان نخست", 2)
    # A double submit of the same form is the same stale version: harmless.
    assert first.post(url, {**opened, "title": "عنوان نخست"}).status_code == 409
    assert NewsItem.objects.get(pk=item.pk).version == 2


def test_bad_input_is_a_persian_message_not_a_500(voice_world: Any) -> None:
    item = voice_world.news
    client = _client(voice_world.fars_staff)
    url = reverse("voice:news_edit", args=[item.code])
    response = client.post(url, {"title": "", "body": "", "version": "x"})
    assert response.status_code == 200
    assert "این فیلد لازم است" in response.content.decode() or "الزامی" in response.content.decode()
    item.refresh_from_db()
    assert item.version == 1


def test_another_agency_and_citizens_get_404_and_no_edit_link(voice_world: Any) -> None:
    item = voice_world.news
    url = reverse("voice:news_edit", args=[item.code])
    for user in (voice_world.tehran_staff, voice_world.citizen, voice_world.fars_moderator):
        client = _client(user)
        assert client.get(url).status_code == 404
        assert client.post(url, _data(item, title="دستکاری")).status_code == 404
        assert url not in client.get(reverse("voice:news_detail", args=[item.code])).content.decode()
    assert Client().get(url).status_code == 302  # anonymous: to the login page
    item.refresh_from_db()
    assert item.version == 1
