"""``/api/v1/voice``: the same checks as the pages, Persian errors as JSON, public reads."""

from __future__ import annotations

from typing import Any

from django.test import Client

from hamafza.voice.models import AgencyResponse, Comment

BASE = "/api/v1/voice"


def test_pages_news_and_comments_are_public(voice_world: Any) -> None:
    client = Client()
    pages = client.get(f"{BASE}/pages").json()
    assert {item["title"] for item in pages["items"]} >= {voice_world.news.title}
    news = client.get(f"{BASE}/news").json()["items"]
    assert news[0]["short_url"].startswith("/n/")
    assert client.get(f"{BASE}/pages/{voice_world.page.pk}/comments").json()["items"] == []


def test_a_comment_created_through_the_api_passes_the_same_checks(voice_world: Any) -> None:
    client = Client()
    url = f"{BASE}/pages/{voice_world.page.pk}/comments"
    ok = client.post(
        url,
        {"text": "سمن‌های فارس از این ابلاغیه استقبال می‌کنند.", "kind": "suggestion"},
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["status"] == "published"
    assert AgencyResponse.objects.count() == 1
    too_long = client.post(url, {"text": "ب" * 501}, content_type="application/json")
    assert too_long.status_code == 400 and "حداکثر ۵۰۰ نویسه" in too_long.json()["detail"]
    held = client.post(url, {"text": "مدیران احمق فارس"}, content_type="application/json")
    assert held.status_code == 201 and held.json()["status"] == "pending"
    listed = client.get(url).json()["items"]
    assert [item["text"] for item in listed] == ["سمن‌های فارس از این ابلاغیه استقبال می‌کنند."]
    assert listed[0]["answer"]["status"] == "received"
    assert Comment.objects.count() == 2


def test_only_the_agency_answers_through_the_api(voice_world: Any) -> None:
    client = Client()
    client.post(
        f"{BASE}/pages/{voice_world.page.pk}/comments",
        {"text": "مدیران فارس با سمن‌ها جلسه نمی‌گذارند و ابلاغیه اجرا نمی‌شود.", "kind": "critique"},
        content_type="application/json",
    )
    case = AgencyResponse.objects.get()
    body = {"status": "answered", "answer": "جلسه ماهانه برقرار شد.", "version": case.version}
    other = Client()
    other.force_login(voice_world.tehran_staff)
    assert other.post(f"{BASE}/answers/{case.pk}", body, content_type="application/json").status_code == 404
    assert Client().post(f"{BASE}/answers/{case.pk}", body, content_type="application/json").status_code == 401
    staff = Client()
    staff.force_login(voice_world.fars_staff)
    answered = staff.post(f"{BASE}/answers/{case.pk}", body, content_type="application/json")
    assert answered.status_code == 200 and answered.json()["status_label"] == "پاسخ داده شد"
    assert Client().get(f"{BASE}/answers").json()["items"][0]["answer"] == "جلسه ماهانه برقرار شد."


def test_search_and_transparency_through_the_api(voice_world: Any) -> None:
    client = Client()
    found = client.get(f"{BASE}/search", {"q": "سازمانهای مردمنهاد"}).json()
    assert found["total"] >= 1 and "مردم‌نهاد" in found["results"][0]["highlights"]
    figures = client.get(f"{BASE}/transparency").json()
    assert {row["organization"] for row in figures} >= {"استانداری فارس"}
