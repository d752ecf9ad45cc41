"""Visitors' public pages come from the cache, and never stale, never someone else's, never a signed-in page."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse

from hamafza.voice.models import Comment, NewsItem
from hamafza.voice.services.pages import news_create

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


def test_a_visitor_gets_the_portal_from_the_cache_with_one_query(voice_world: Any, django_assert_num_queries) -> None:
    first = Client().get("/")
    assert first.status_code == 200
    with django_assert_num_queries(1):  # the newest audit entry's number, which every change moves
        second = Client().get("/")
    assert second.status_code == 200
    assert second.content == first.content
    assert 'lang="fa" dir="rtl"' in second.content.decode()
    # The headers every page gets are still set on a cached one.
    assert "Content-Security-Policy" in second and second["Content-Language"] == "fa"


def test_a_new_publication_shows_to_the_next_visitor_at_once(voice_world: Any) -> None:
    url = reverse("voice:news_list")
    assert "خبر تازه ستاد بحران" not in Client().get(url).content.decode()
    news_create(
        organization=voice_world.fars,
        title="خبر تازه ستاد بحران",
        body="<p>جلسه ستاد مدیریت بحران استان فارس برگزار شد.</p>",
        by=voice_world.fars_staff,
    )
    assert "خبر تازه ستاد بحران" in Client().get(url).content.decode()


def test_a_signed_in_person_never_gets_the_visitors_page(voice_world: Any) -> None:
    Client().get("/")  # cached for visitors
    client = Client()
    client.force_login(voice_world.citizen)
    html = client.get("/").content.decode()
    assert "مریم احمدی" in html and "خروج" in html
    # … and a visitor after them does not get theirs.
    assert "مریم احمدی" not in Client().get("/").content.decode()


def test_a_cached_news_page_gives_each_visitor_their_own_working_csrf_token(voice_world: Any) -> None:
    url = reverse("voice:news_detail", args=[voice_world.news.code])
    Client(enforce_csrf_checks=True).get(url)  # the first visitor's render fills the cache
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(url).content.decode()
    token = TOKEN.search(html).group(1)
    assert "\x00" not in html
    assert visitor.cookies["csrftoken"].value  # the cached page set this visitor's cookie, as a render would
    response = visitor.post(
        reverse("voice:comment_post", args=[voice_world.page.pk]),
        {"text": "برگزاری منظم جلسات با سمن‌ها را تأیید می‌کنم.", "kind": "opinion", "author_name": "",
         "website": "", "csrfmiddlewaretoken": token},
    )  # fmt: skip
    assert response.status_code == 302
    assert Comment.objects.filter(page=voice_world.page).count() == 1


def test_a_news_page_from_the_cache_still_counts_its_view(voice_world: Any, django_assert_num_queries) -> None:
    url = reverse("voice:news_detail", args=[voice_world.news.code])
    Client().get(url)
    with django_assert_num_queries(2):  # the newest audit entry's number and the counter's UPDATE
        Client().get(url)
    assert NewsItem.objects.get(pk=voice_world.news.pk).view_count == 2


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(voice_world: Any) -> None:
    url = reverse("voice:news_detail", args=[voice_world.news.code])
    Client().get(url)
    visitor = Client()
    response = visitor.post(
        reverse("voice:comment_post", args=[voice_world.page.pk]),
        {"text": "این خبر برای سمن‌های استان امیدبخش است.", "kind": "opinion", "author_name": "", "website": ""},
    )
    assert response.status_code == 302
    html = visitor.get(url).content.decode()
    assert "نظر شما" in html  # the message the comment left is shown, not the cached page without it
