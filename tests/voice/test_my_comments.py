"""«نظرهای من»: a writer's comments, where each stands, the agency's answers, and what waits on their home."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hamafza.core.work import work_for
from hamafza.notifications.models import Notification
from hamafza.voice.models import AgencyResponse
from hamafza.voice.services.comments import comment_create
from hamafza.voice.services.moderation import comments_decide
from hamafza.voice.services.responses import response_update

CRITIQUE = "مدیران دستگاه‌های اجرایی فارس با سمن‌ها جلسه نمی‌گذارند و این ابلاغیه اجرا نمی‌شود."
ANSWER = "جلسه مشترک با سمن‌ها از این ماه هر ماه برگزار می‌شود."


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_citizen_sees_each_of_their_comments_with_its_status_the_answer_and_an_appeal(voice_world: Any) -> None:
    w = voice_world
    critique = comment_create(page=w.page, text=CRITIQUE, kind="critique", by=w.citizen)
    insult = comment_create(page=w.page, text="مدیران احمق فارس", by=w.citizen)
    comments_decide(organization=w.fars, comment_ids=[insult.pk], action="reject", rule="insult", by=w.fars_moderator)
    comment_create(page=w.page, text="نظر شهروند دیگری درباره همین ابلاغیه است.", by=w.tehran_staff)
    case = AgencyResponse.objects.get(comment=critique)
    response_update(response=case, status="answered", answer=ANSWER, version=case.version, by=w.fars_staff)

    html = _client(w.citizen).get(reverse("voice:my_comments")).content.decode()
    assert html.count('data-testid="my-comment"') == 2
    assert "نظر شهروند دیگری" not in html
    assert CRITIQUE in html and ANSWER in html and "پاسخ داده شد" in html
    assert "توهین یا افترا" in html and f'action="{reverse("voice:appeal", args=[insult.pk])}"' in html
    assert f'href="{w.page.url}#comment-{critique.pk}"' in html

    rejected = _client(w.citizen).get(reverse("voice:my_comments"), {"status": "rejected"}).content.decode()
    assert rejected.count('data-testid="my-comment"') == 1 and "مدیران احمق فارس" in rejected


def test_the_home_lists_unseen_answers_and_appealable_comments_until_they_are_seen(voice_world: Any) -> None:
    w = voice_world
    critique = comment_create(page=w.page, text=CRITIQUE, kind="critique", by=w.citizen)
    insult = comment_create(page=w.page, text="مدیران احمق فارس", by=w.citizen)
    comments_decide(organization=w.fars, comment_ids=[insult.pk], action="reject", rule="insult", by=w.fars_moderator)
    case = AgencyResponse.objects.get(comment=critique)
    response_update(response=case, status="answered", answer=ANSWER, version=case.version, by=w.fars_staff)

    labels = {item.label: item for item in work_for(w.citizen)}
    answers = labels["پاسخ تازه دستگاه‌ها به انتقادها و پیشنهادهای شما"]
    appeal = labels["نظرهای منتشرنشده شما که می‌توانید به آن‌ها اعتراض کنید"]
    assert answers.count == 1 and appeal.count == 1
    home = _client(w.citizen).get("/").content.decode()
    assert answers.label in home and appeal.url.replace("&", "&amp;") in home

    _client(w.citizen).get(answers.url)
    assert not Notification.objects.filter(recipient=w.citizen, kind="voice.response", read_at__isnull=True).exists()
    _client(w.citizen).post(reverse("voice:appeal", args=[insult.pk]), {"text": "منظورم توهین نبود."})
    assert [item.label for item in work_for(w.citizen) if item.group == "نظرهای من"] == []


def test_the_page_is_for_signed_in_people_and_costs_the_same_queries_for_3_or_30_comments(
    voice_world: Any, django_assert_num_queries: Any
) -> None:
    w = voice_world
    assert Client().get(reverse("voice:my_comments")).status_code == 302
    client = _client(w.citizen)
    for number in range(3):
        comment_create(page=w.page, text=f"{CRITIQUE} شماره {number}", kind="critique", by=w.citizen)
    client.get(reverse("voice:my_comments"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("voice:my_comments")).status_code == 200
    for number in range(3, 30):
        comment_create(page=w.page, text=f"{CRITIQUE} شماره {number}", kind="critique", by=w.citizen)
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(reverse("voice:my_comments")).content.decode()
    assert html.count('data-testid="my-comment"') == settings.HAMAFZA_PAGE_SIZE == 25
    assert "صفحه ۱ از ۲" in html


def test_a_citizen_home_note_points_to_their_comments_not_to_a_promise(
    voice_world: Any, make_user: Any, grant: Any
) -> None:
    person = make_user("maryam")
    grant(person, "citizen")
    html = _client(person).get("/").content.decode()
    assert "به‌زودی" not in html
    assert f'href="{reverse("voice:my_comments")}"' in html
