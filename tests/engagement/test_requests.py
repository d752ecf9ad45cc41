from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from hamafza.core.errors import PermissionDenied
from hamafza.engagement.models import EngagementRequest, RequestStatus
from hamafza.engagement.services.requests import request_create, request_reply, requests_escalate_overdue
from hamafza.holidays.services import holidays_load_official, working_days_add
from hamafza.notifications.models import Notification
from tests.paging import walk_forward


def _proposal(world, **extra):
    return request_create(
        organization=world.welfare,
        stakeholder=world.ngo,
        kind="proposal",
        subject="برگزاری کارگاه پیشگیری از اعتیاد",
        body="پیشنهاد می‌کنیم کارگاهی برای خانواده‌ها برگزار شود.",
        by=world.rep,
        **extra,
    )


def test_the_deadline_counts_working_days_skipping_fridays_and_nowruz(world):
    holidays_load_official()
    # Monday 1404/12/25 plus ten working days, with Nowruz (1405/01/01–04) and 1404/12/29 in between.
    request = _proposal(world, today=dt.date(2026, 3, 16))
    assert request.due_on > dt.date(2026, 3, 16) + dt.timedelta(days=14)
    five = working_days_add(dt.date(2026, 3, 16), 5)
    assert five == dt.date(2026, 3, 26)  # Thursday 1405/01/06, as the issue says


def test_a_request_left_unanswered_past_its_deadline_is_overdue_and_its_manager_is_notified(world, client):
    request = _proposal(world, today=dt.date(2025, 1, 4))
    later = request.due_on + dt.timedelta(days=1)
    assert requests_escalate_overdue(today=later) == 1
    assert requests_escalate_overdue(today=later) == 0  # once
    told = Notification.objects.filter(kind="engagement.request.overdue")
    assert list(told.values_list("recipient__username", flat=True)) == ["welfare_manager"]
    client.force_login(world.manager)
    page = client.get(reverse("engagement:request_detail", args=[request.pk])).content.decode()
    assert 'data-testid="overdue"' in page
    page = client.get(reverse("engagement:request_list"), {"status": "overdue"}).content.decode()
    assert "برگزاری کارگاه پیشگیری از اعتیاد" in page


def test_an_answer_marks_the_request_answered_and_tells_the_representative(world, client):
    request = _proposal(world)
    assert Notification.objects.filter(recipient=world.staff, kind="engagement.request.received").exists()
    client.force_login(world.staff)
    response = client.post(
        reverse("engagement:request_reply", args=[request.pk]), {"body": "با کمال میل؛ هفته آینده هماهنگ می‌کنیم."}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.ANSWERED and request.answered_at
    assert Notification.objects.filter(recipient=world.rep, kind="engagement.request.answered").exists()
    client.force_login(world.rep)
    page = client.get(reverse("engagement:request_detail", args=[request.pk])).content.decode()
    assert "هفته آینده هماهنگ می‌کنیم" in page


def test_an_ngo_representative_sees_only_their_ngos_requests(world, client):
    mine = _proposal(world)
    theirs = request_create(
        organization=world.environment,
        stakeholder=world.other_ngo,
        kind="support",
        subject="حمایت از پاکسازی کوه دراک",
        body="درخواست حمایت داریم.",
        by=world.other_rep,
    )
    client.force_login(world.rep)
    page = client.get(reverse("engagement:request_list")).content.decode()
    assert mine.subject in page and theirs.subject not in page
    assert client.get(reverse("engagement:request_detail", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("engagement:request_reply", args=[theirs.pk]), {"body": "x"}).status_code == 404
    assert client.get(reverse("engagement:request_detail", args=[999999])).status_code == 404


def test_agency_staff_see_only_their_agencys_requests(world, client):
    mine = _proposal(world)
    client.force_login(world.env_staff)
    assert mine.subject not in client.get(reverse("engagement:request_list")).content.decode()
    assert client.get(reverse("engagement:request_detail", args=[mine.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        request_reply(request=mine, body="پاسخ", by=world.env_staff)


def test_a_representative_cannot_write_for_another_ngo_and_an_agency_asks_for_consultation(world, client):
    with pytest.raises(PermissionDenied):
        request_create(
            organization=world.welfare,
            stakeholder=world.other_ngo,
            kind="proposal",
            subject="x",
            body="y",
            by=world.rep,
        )
    client.force_login(world.staff)
    response = client.post(
        reverse("engagement:request_create"),
        {
            "organization": world.welfare.pk,
            "stakeholder": world.ngo.pk,
            "kind": "consultation_request",
            "subject": "نظر مشورتی درباره طرح توانمندسازی",
            "body": "لطفاً نظر کارشناسی خود را بفرمایید.",
        },
    )
    assert response.status_code == 302
    asked = EngagementRequest.objects.get(subject="نظر مشورتی درباره طرح توانمندسازی")
    assert not asked.is_to_agency
    assert Notification.objects.filter(recipient=world.rep, kind="engagement.request.received").exists()


def test_a_long_list_of_requests_walks_by_cursor_and_keeps_its_filter(world, client):
    import re

    for number in range(55):
        made = _proposal(world)
        EngagementRequest.objects.filter(pk=made.pk).update(subject=f"پیشنهاد شماره {number}")
    expected = list(
        EngagementRequest.objects.filter(status=RequestStatus.OPEN)
        .order_by("-created_at", "-id")
        .values_list("subject", flat=True)
    )
    client.force_login(world.manager)

    def subjects(html: str) -> list[str]:
        return re.findall(r'">(پیشنهاد شماره [۰-۹0-9]+)</a>', html)

    pages, _ = walk_forward(client, reverse("engagement:request_list"), "status=open", keep="status=open")
    assert [s for html in pages for s in subjects(html)] == expected and len(pages) == 3
