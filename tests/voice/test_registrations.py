"""What voice puts in the shared registries: the portal's latest news and the role homes' waiting work."""

from __future__ import annotations

from typing import Any

from django.test import Client, RequestFactory

from hamafza.core.work import work_for
from hamafza.voice.registration import portal_news
from hamafza.voice.services.comments import comment_create


def test_the_portal_section_lists_the_latest_news(voice_world: Any) -> None:
    context = portal_news(RequestFactory().get("/"))
    assert context is not None and voice_world.news in context["news"]
    assert voice_world.news.title in Client().get("/").content.decode()


def test_a_moderator_sees_the_waiting_comments_of_their_organization_only(voice_world: Any) -> None:
    comment_create(page=voice_world.page, text="مدیران احمق فارس")
    labels = {item.label: item.count for item in work_for(voice_world.fars_moderator)}
    assert labels == {"نظرهای در انتظار بررسی — استانداری فارس": 1}
    assert not [item for item in work_for(voice_world.tehran_moderator) if item.count]


def test_an_agency_sees_its_unanswered_critique_as_work(voice_world: Any) -> None:
    comment_create(
        page=voice_world.page, text="مدیران فارس با سمن‌ها جلسه نمی‌گذارند و ابلاغیه اجرا نمی‌شود.", kind="critique"
    )
    items = [item for item in work_for(voice_world.fars_staff) if item.label == "انتقادها و پیشنهادهای بی‌پاسخ"]
    assert items and items[0].count == 1 and items[0].due_at is not None
