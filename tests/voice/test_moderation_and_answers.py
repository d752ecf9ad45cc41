"""The moderation queue per organization, appeals, the agency's answers, and the public transparency figures."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hamafza.core.errors import DomainError
from hamafza.notifications.models import Notification
from hamafza.voice.models import AgencyResponse, Comment, CommentStatus, ModerationDecision
from hamafza.voice.services.comments import comment_create
from hamafza.voice.services.moderation import comment_appeal

CRITIQUE = "مدیران دستگاه‌های اجرایی فارس با سمن‌ها جلسه نمی‌گذارند و این ابلاغیه اجرا نمی‌شود."


def _held(world: Any, text: str = "مدیران احمق فارس", **kwargs: Any) -> Comment:
    return comment_create(page=world.page, text=text, **kwargs)


def test_a_moderator_of_one_organization_cannot_see_anothers_queue(voice_world: Any) -> None:
    client = Client()
    client.force_login(voice_world.tehran_moderator)
    assert client.get(reverse("voice:moderation_queue", args=[voice_world.fars.pk])).status_code == 404
    assert client.get(reverse("voice:moderation_log", args=[voice_world.fars.pk])).status_code == 404
    assert client.get(reverse("voice:moderation_queue", args=[voice_world.tehran.pk])).status_code == 200
    citizen = Client()
    citizen.force_login(voice_world.citizen)
    assert citizen.get(reverse("voice:moderation_index")).status_code == 404


def test_a_moderator_cannot_decide_on_another_organizations_comments_by_posting_their_ids(voice_world: Any) -> None:
    comment = _held(voice_world)
    client = Client()
    client.force_login(voice_world.tehran_moderator)
    client.post(
        reverse("voice:moderation_queue", args=[voice_world.tehran.pk]),
        {"action": "approve", "comments": [comment.pk]},
    )
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PENDING


def test_the_queue_shows_held_comments_with_their_rules_and_filters_by_rule(voice_world: Any) -> None:
    _held(voice_world)
    _held(voice_world, "Please answer the letters of the NGOs in Fars.")
    client = Client()
    client.force_login(voice_world.fars_moderator)
    url = reverse("voice:moderation_queue", args=[voice_world.fars.pk])
    html = client.get(url).content.decode()
    assert "مدیران احمق فارس" in html and "توهین یا افترا" in html and "Please answer" in html
    filtered = client.get(url, {"rule": "non_persian"}).content.decode()
    assert "Please answer" in filtered and "مدیران احمق فارس" not in filtered


def test_bulk_approve_and_reject_with_a_rule_are_logged_and_nothing_is_deleted(voice_world: Any) -> None:
    insult = _held(voice_world)
    english = _held(voice_world, "Please answer the letters of the NGOs in Fars.")
    client = Client()
    client.force_login(voice_world.fars_moderator)
    url = reverse("voice:moderation_queue", args=[voice_world.fars.pk])
    response = client.post(url, {"action": "reject", "comments": [insult.pk]})
    assert Comment.objects.get(pk=insult.pk).status == CommentStatus.PENDING  # a rejection needs its rule
    client.post(url, {"action": "reject", "rule": "insult", "comments": [insult.pk]})
    client.post(url, {"action": "approve", "comments": [english.pk], "note": "نام سازمان‌ها درست است"})
    client.post(url, {"action": "approve", "comments": [english.pk]})  # a double submit is harmless
    assert Comment.objects.get(pk=insult.pk).status == CommentStatus.REJECTED
    assert Comment.objects.get(pk=insult.pk).reject_rule == "insult"
    assert Comment.objects.get(pk=insult.pk).held_rules == "insult"
    assert Comment.objects.get(pk=english.pk).status == CommentStatus.PUBLISHED
    assert Comment.objects.count() == 2
    assert list(ModerationDecision.objects.order_by("pk").values_list("action", "rule")) == [
        ("reject", "insult"),
        ("approve", ""),
    ]
    log = client.get(reverse("voice:moderation_log", args=[voice_world.fars.pk])).content.decode()
    assert "رد" in log and "تأیید و انتشار" in log
    assert response.status_code == 302


def test_the_author_appeals_a_rejection_once_and_it_returns_to_the_queue(voice_world: Any) -> None:
    comment = _held(voice_world, by=voice_world.citizen)
    client = Client()
    client.force_login(voice_world.fars_moderator)
    client.post(
        reverse("voice:moderation_queue", args=[voice_world.fars.pk]),
        {"action": "reject", "rule": "insult", "comments": [comment.pk]},
    )
    author = Client()
    author.force_login(voice_world.citizen)
    page = author.get(reverse("voice:news_detail", args=[voice_world.news.code])).content.decode()
    assert "اعتراض به رد" in page
    author.post(reverse("voice:appeal", args=[comment.pk]), {"text": "منظورم توهین نبود؛ اصلاح می‌کنم."})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING and comment.appealed_at is not None
    comment.status = CommentStatus.REJECTED
    comment.save()
    with pytest.raises(DomainError, match="یک بار"):
        comment_appeal(comment=comment, text="دوباره", by=voice_world.citizen)
    stranger = Client()
    stranger.force_login(voice_world.tehran_staff)
    assert stranger.post(reverse("voice:appeal", args=[comment.pk]), {"text": "x"}).status_code == 404


def test_the_agency_answers_a_critique_the_author_is_notified_and_the_answer_shows_with_its_status(
    voice_world: Any,
) -> None:
    comment = comment_create(page=voice_world.page, text=CRITIQUE, kind="critique", by=voice_world.citizen)
    case = AgencyResponse.objects.get(comment=comment)
    staff = Client()
    staff.force_login(voice_world.fars_staff)
    assert CRITIQUE[:30] in staff.get(reverse("voice:responses_index")).content.decode()
    url = reverse("voice:response_detail", args=[case.pk])
    staff.post(url, {"status": "under_review", "answer": "", "version": case.version})
    refused = staff.post(url, {"status": "answered", "answer": "", "version": case.version + 1})
    assert "متن پاسخ" in refused.content.decode()
    staff.post(
        url, {"status": "answered", "answer": "جلسه مشترک با سمن‌ها هر ماه برگزار می‌شود.", "version": case.version + 1}
    )
    case.refresh_from_db()
    assert case.status == "answered" and case.answered_at is not None
    stale = staff.post(url, {"status": "acted", "answer": "", "version": 1})
    assert stale.status_code == 409
    notes = Notification.objects.filter(recipient=voice_world.citizen, kind="voice.response")
    assert notes.count() == 2
    page = Client().get(reverse("voice:news_detail", args=[voice_world.news.code])).content.decode()
    assert "جلسه مشترک با سمن‌ها هر ماه برگزار می‌شود." in page and "پاسخ داده شد" in page


def test_another_agency_cannot_answer_or_see_the_case(voice_world: Any) -> None:
    comment = comment_create(page=voice_world.page, text=CRITIQUE, kind="critique")
    case = AgencyResponse.objects.get(comment=comment)
    other = Client()
    other.force_login(voice_world.tehran_staff)
    assert other.get(reverse("voice:response_detail", args=[case.pk])).status_code == 404
    assert CRITIQUE[:30] not in other.get(reverse("voice:responses_index")).content.decode()


def test_the_transparency_page_shows_each_agencys_figures_publicly(voice_world: Any) -> None:
    comment_create(page=voice_world.page, text=CRITIQUE, kind="critique")
    _held(voice_world)
    html = Client().get(reverse("voice:transparency")).content.decode()
    assert "استانداری فارس" in html and "voice-chart-data" in html and "نرخ پاسخ" in html


def test_the_transparency_page_lists_fifty_agencies_a_page_and_charts_the_twenty_busiest(
    voice_world: Any, make_org: Any
) -> None:
    """Nationally every evaluated unit has public pages: one row and one bar each made a 1.5 MB page."""
    import json

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hamafza.core.public_pages import PageSpec
    from hamafza.voice import selectors
    from hamafza.voice.services.pages import public_pages_ensure

    def add_agencies(first: int, count: int) -> None:
        units = [make_org(f"واحد شماره {n}", kind="agency") for n in range(first, first + count)]
        specs = [PageSpec(target=u, organization=u, kind="other", title=u.name, url=f"/u/{u.pk}/") for u in units]
        public_pages_ensure(specs)

    comment_create(page=voice_world.page, text=CRITIQUE, kind="critique")
    url = reverse("voice:transparency")
    add_agencies(0, 3)
    with CaptureQueriesContext(connection) as few:
        Client().get(url)
    add_agencies(3, 70)
    with CaptureQueriesContext(connection) as many:
        html = Client().get(url).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    table = html.split('data-testid="transparency-table"')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 50  # the header and fifty agencies
    assert "استانداری فارس" in table  # the agency with a comment comes first
    chart = json.loads(html.split('id="voice-chart-data" type="application/json">')[1].split("</script>")[0])
    assert len(chart["labels"]) == 20 and chart["labels"][0] == "استانداری فارس"
    assert "۲۰ دستگاه با بیشترین نظر از" in html
    second = Client().get(url, {"page": 2}).content.decode()
    rows = second.split('data-testid="transparency-table"')[1].split("</table>")[0].count("<tr>") - 1
    assert rows == len(selectors.transparency()) - 50  # the rest, on the second page
    assert "صفحه ۲ از ۲" in second


def test_the_transparency_figures_are_kept_until_a_change_and_count_it_then(
    voice_world: Any, django_assert_max_num_queries: Any
) -> None:
    from hamafza.voice import selectors

    comment_create(page=voice_world.page, text=CRITIQUE, kind="critique")
    before = {f.organization.pk: f.received for f in selectors.transparency()}
    with django_assert_max_num_queries(1):  # the newest audit entry's number, nothing grouped again
        assert {f.organization.pk: f.received for f in selectors.transparency()} == before
    comment_create(page=voice_world.page, text="پیشنهاد می‌کنم ساعت کار مراکز بیشتر شود.", kind="suggestion")
    after = {f.organization.pk: f.received for f in selectors.transparency()}
    assert after[voice_world.page.organization_id] == before[voice_world.page.organization_id] + 1


def test_the_moderation_queue_costs_a_fixed_number_of_queries(
    voice_world: Any, django_assert_max_num_queries: Any
) -> None:
    for index in range(30):
        _held(voice_world, f"مدیران احمق فارس {index}")
    client = Client()
    client.force_login(voice_world.fars_moderator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("voice:moderation_queue", args=[voice_world.fars.pk]))
    assert response.status_code == 200


def test_a_long_decision_log_walks_by_cursor_without_an_offset_and_back(voice_world: Any) -> None:
    import re

    from tests.paging import pager_link, walk_forward

    held = [_held(voice_world, f"مدیران احمق فارس شماره {number}") for number in range(55)]
    # Written in one statement, so most decisions share their created_at: the id breaks the tie in the cursor.
    ModerationDecision.objects.bulk_create(
        ModerationDecision(comment=comment, action="reject", rule="insult", note=f"تصمیم شماره {number}")
        for number, comment in enumerate(held)
    )
    expected = list(
        ModerationDecision.objects.filter(note__startswith="تصمیم شماره")
        .order_by("-created_at", "-id")
        .values_list("note", flat=True)
    )
    client = Client()
    client.force_login(voice_world.fars_moderator)
    url = reverse("voice:moderation_log", args=[voice_world.fars.pk])

    def notes(html: str) -> list[str]:
        return re.findall(r"(تصمیم شماره [0-9]+)<", html)

    pages, statements = walk_forward(client, url)
    for ran in statements:
        reads = [sql for sql in ran if "LIMIT 26" in sql]
        assert reads and all("OFFSET" not in sql for sql in reads), reads
    assert [n for html in pages for n in notes(html)] == expected and len(pages) == 3
    assert len(statements[1]) == len(statements[2])  # a deep page costs what the second does
    back = client.get(f"{url}?{pager_link(pages[-1], 'قبلی')}").content.decode()
    assert notes(back) == notes(pages[1])
