"""A published program from ``hamafza.programs`` takes comments like a news item: one comments model."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from hamafza.programs.models import ProgramStatus
from hamafza.programs.services import program_create, program_publish, program_unpublish
from hamafza.voice.models import Comment, PublicPage
from hamafza.voice.services import search


def test_a_published_program_is_a_public_page_that_takes_comments_and_is_found(voice_world: Any) -> None:
    program = program_create(
        owner=voice_world.fars,
        title="برنامه مشترک ساماندهی سکونتگاه‌های غیررسمی",
        kind="joint_program",
        goals="کاهش حاشیه‌نشینی با مشارکت سازمان‌های مردم‌نهاد",
        status=ProgramStatus.ACTIVE,
        by=None,
    )
    assert not PublicPage.objects.filter(object_id=str(program.pk), kind="program").exists()
    program_publish(program=program, by=None)
    page = PublicPage.objects.get(object_id=str(program.pk), kind="program")
    assert page.is_public and page.url == reverse("programs:detail", args=[program.pk])
    client = Client()
    assert "نخستین نفر باشید" in client.get(reverse("voice:page_detail", args=[page.pk])).content.decode()
    client.post(
        reverse("voice:comment_post", args=[page.pk]),
        {"text": "مشارکت سازمان‌های مردم‌نهاد در ساماندهی حاشیه‌نشینی باید از ابتدا باشد.", "kind": "suggestion"},
    )
    assert Comment.objects.get().page == page
    assert any(hit.entry.page == page for hit in search.search("حاشیه‌نشینی").hits)
    program_unpublish(program=program, by=None)
    page.refresh_from_db()
    assert not page.is_public
    assert client.get(reverse("voice:page_detail", args=[page.pk])).status_code == 404
