"""The bell, the notifications page, marking read, preferences on «حساب من», and the API."""

from __future__ import annotations

from typing import Any

import pytest

from hamafza.notifications.models import Notification, NotificationPreference
from hamafza.notifications.services import notify
from tests.paging import pager_link

pytestmark = pytest.mark.django_db


def test_the_bell_shows_my_unread_count_in_persian_digits(client: Any, zahra: Any) -> None:
    for number in range(3):
        notify(recipients=[zahra], kind="tests.hello", title=f"پیام {number}")
    client.force_login(zahra)
    response = client.get("/notifications/bell/")
    assert response.status_code == 200
    assert 'data-testid="bell-count">۳<' in response.content.decode()


def test_every_page_loads_the_bell_without_inline_script(client: Any, zahra: Any) -> None:
    client.force_login(zahra)
    html = client.get("/accounts/profile/").content.decode()
    assert 'hx-get="/notifications/bell/"' in html
    assert 'hx-get="/notifications/preferences/' in html


def test_an_anonymous_visitor_gets_an_empty_bell_and_no_list(client: Any) -> None:
    assert "bell-count" not in client.get("/notifications/bell/").content.decode()
    assert client.get("/notifications/").status_code == 302


def test_the_list_shows_only_my_notifications_with_links_that_open(client: Any, zahra: Any, hossein: Any) -> None:
    notify(recipients=[zahra], kind="tests.hello", title="پاسخ درخواست شما", url="/accounts/profile/")
    notify(recipients=[zahra], kind="tests.hidden", title="پرونده‌ای که دیگر در دسترس نیست", url="/evaluation/")
    notify(recipients=[hossein], kind="tests.hello", title="پیام حسین")
    client.force_login(zahra)
    html = client.get("/notifications/").content.decode()
    assert "پاسخ درخواست شما" in html and "پیام حسین" not in html
    hello = Notification.objects.get(title="پاسخ درخواست شما")
    hidden = Notification.objects.get(kind="tests.hidden")
    assert f'href="/notifications/{hello.pk}/"' in html
    assert f'href="/notifications/{hidden.pk}/"' not in html


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client: Any, zahra: Any) -> None:
    notify(recipients=[zahra], kind="tests.hello", title="سلام", url="/accounts/profile/")
    notification = Notification.objects.get()
    client.force_login(zahra)
    response = client.get(f"/notifications/{notification.pk}/")
    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_404(client: Any, zahra: Any, hossein: Any) -> None:
    notify(recipients=[zahra], kind="tests.hello", title="سلام")
    notification = Notification.objects.get()
    client.force_login(hossein)
    assert client.get(f"/notifications/{notification.pk}/").status_code == 404
    assert client.post(f"/notifications/{notification.pk}/read/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_one_and_mark_all_read(client: Any, zahra: Any) -> None:
    notify(recipients=[zahra], kind="tests.hello", title="یک")
    notify(recipients=[zahra], kind="tests.hello", title="دو")
    client.force_login(zahra)
    first = Notification.objects.get(title="یک")
    assert client.post(f"/notifications/{first.pk}/read/", {"next": "/notifications/"}).status_code == 302
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
    client.post("/notifications/read-all/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    # A double submit is harmless.
    assert client.post("/notifications/read-all/").status_code == 302


def test_the_list_costs_the_same_queries_for_5_or_25_notifications(
    client: Any, zahra: Any, hossein: Any, django_assert_num_queries: Any
) -> None:
    client.force_login(zahra)

    def fill(n: int) -> None:
        for number in range(n):
            notify(recipients=[zahra], kind="tests.hello", title=f"پیام {number}", url="/notifications/", by=hossein)

    fill(5)
    client.get("/notifications/")  # warm the session and content types
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as five:
        client.get("/notifications/")
    # Session, user, grants, count, page, actors: a handful, whatever the database.
    assert len(five.captured_queries) <= 8
    fill(20)
    with django_assert_num_queries(len(five.captured_queries)):
        response = client.get("/notifications/")
    assert response.content.decode().count('data-testid="notification"') == 25


def test_the_list_paginates(client: Any, zahra: Any) -> None:
    for number in range(30):
        notify(recipients=[zahra], kind="tests.hello", title=f"پیام {number}")
    client.force_login(zahra)
    html = client.get("/notifications/?page=2").content.decode()
    assert html.count('data-testid="notification"') == 5
    assert "صفحه ۲ از ۲" in html


def test_preferences_form_saves_my_channels(client: Any, zahra: Any) -> None:
    client.force_login(zahra)
    fragment = client.get("/notifications/preferences/?next=/accounts/profile/", HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode() and 'name="email"' in fragment.content.decode()
    response = client.post("/notifications/preferences/", {"email": "on", "next": "/accounts/profile/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    assert NotificationPreference.objects.get(user=zahra, channel="email").is_enabled
    assert not NotificationPreference.objects.get(user=zahra, channel="sms").is_enabled


def test_asking_for_sms_without_a_mobile_shows_a_persian_error(client: Any, hossein: Any) -> None:
    client.force_login(hossein)
    response = client.post("/notifications/preferences/", {"sms": "on"})
    assert response.status_code == 200
    assert "شماره همراه" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_api_lists_mine_and_marks_read(client: Any, zahra: Any, hossein: Any) -> None:
    notify(recipients=[zahra], kind="tests.hello", title="سلام", url="/notifications/")
    notify(recipients=[hossein], kind="tests.hello", title="پیام حسین")
    client.force_login(zahra)
    data = client.get("/api/v1/notifications/").json()
    assert data["count"] == 1 and data["unread"] == 1
    assert data["results"][0]["title"] == "سلام" and data["results"][0]["kind_label"] == "سلام آزمایشی"
    pk = data["results"][0]["id"]
    assert client.post(f"/api/v1/notifications/{pk}/read").json()["read_at"] is not None
    other = Notification.objects.get(recipient=hossein).pk
    missing = client.post(f"/api/v1/notifications/{other}/read")
    assert missing.status_code == 404 and missing.json()["detail"] == "پیدا نشد."
    assert client.post("/api/v1/notifications/read-all").json() == {"marked": 0}


def test_a_long_list_walks_by_cursor_without_an_offset_and_back(client: Any, zahra: Any, hossein: Any) -> None:
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(60):
        notify(recipients=[zahra], kind="tests.hello", title=f"پیام شماره {number}")
    notify(recipients=[hossein], kind="tests.hello", title="پیام شماره حسین")
    client.force_login(zahra)
    expected = list(Notification.objects.filter(recipient=zahra).values_list("title", flat=True))

    def titles(html: str) -> list[str]:
        return re.findall(r'class="fw-semibold">(پیام شماره [^<]+)<', html)

    seen: list[str] = []
    pages: list[str] = []
    costs: list[int] = []
    query = "show=all"
    while query:
        with CaptureQueriesContext(connection) as queries:
            html = client.get(f"/notifications/?{query}").content.decode()
        reads = [q["sql"] for q in queries.captured_queries if "notifications_notification" in q["sql"]]
        assert all("OFFSET" not in sql for sql in reads if "LIMIT 26" in sql), reads
        if len(pages) > 0:
            assert "after=" in query
        costs.append(len(queries))
        seen += titles(html)
        pages.append(html)
        query = pager_link(html, "بعدی")
    assert seen == expected and len(pages) == 3
    assert costs[1] == costs[2]  # a deep page costs what the second does
    back = client.get(f"/notifications/?{pager_link(pages[-1], 'قبلی')}").content.decode()
    assert titles(back) == titles(pages[1])
