"""The activities list and the stakeholder registry at scale: a capped count (or the table's estimate), a page read
with LIMIT, a fixed number of queries, and the same scoping as before."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hamafza.engagement.models import Activity, Stakeholder
from hamafza.engagement.services.stakeholders import StakeholderData, domains_by_name, stakeholder_create
from hamafza.persian import format_number
from tests.paging import pager_link


def _activities(organization, n: int, *, title: str = "نشست هم‌اندیشی") -> None:
    start = timezone.make_aware(dt.datetime(2025, 5, 5, 10, 0))
    Activity.objects.bulk_create(
        Activity(
            organization=organization,
            kind="meeting",
            title=f"{title} {i}",
            # Several activities share a start: the order falls back on the id, as the index does.
            starts_at=start - dt.timedelta(hours=i // 3),
            ends_at=start - dt.timedelta(hours=i // 3) + dt.timedelta(hours=1),
            place="سالن",
        )
        for i in range(n)
    )


def _rows(html: str) -> int:
    return len(re.findall(r'href="/engagement/activities/\d+/"', html))


def test_the_activities_list_costs_the_same_queries_for_three_or_sixty_activities(world, client):
    client.force_login(world.staff)
    url = reverse("engagement:activity_list")
    _activities(world.welfare, 3)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _activities(world.welfare, 57)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    # session, user, grants, representative links, the menu's checks, the capped count, the page (with its
    # organization and room joined): the same whatever the number of activities.
    assert len(many) == len(few) <= 12
    assert "۶۰ فعالیت" in response.content.decode()


def test_beyond_a_thousand_the_count_is_capped_and_every_page_is_reachable(world, client, grant, make_user):
    _activities(world.welfare, 1010)
    _activities(world.environment, 5, title="نشست محیط زیست")
    client.force_login(world.staff)
    url = reverse("engagement:activity_list")
    first = client.get(url).content.decode()
    assert "بیش از ۱٬۰۰۰ فعالیت" in first and "صفحه ۱ از بیش از ۴۰" in first and "page=2" in first
    assert "محیط زیست" not in first  # another agency's activities stay out of the welfare office's list
    # The newest first, ties broken by the id: the first page ends with the 25th activity.
    ids = list(
        Activity.objects.filter(organization=world.welfare).order_by("-starts_at", "id").values_list("pk", flat=True)
    )
    assert f"/engagement/activities/{ids[24]}/" in first and f"/engagement/activities/{ids[25]}/" not in first
    # Page 41 holds the last ten: no next page, although the count never said how many pages there are.
    last = client.get(url, {"page": "۴۱"}).content.decode()
    assert _rows(last) == 10 and f"/engagement/activities/{ids[-1]}/" in last
    assert "page=40" in last and "page=42" not in last
    # Past the end: an empty page that leads back, not an error.
    beyond = client.get(url, {"page": "99"})
    assert beyond.status_code == 200 and "فعالیتی ثبت نشده است" in beyond.content.decode()
    assert client.get(url, {"page": "نه"}).status_code == 200


def test_a_system_administrator_sees_the_tables_estimate(world, client, grant, make_user):
    admin = make_user("sysadmin")
    grant(admin, "system_admin")
    _activities(world.welfare, 1030)
    _activities(world.environment, 5, title="نشست محیط زیست")
    client.force_login(admin)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE engagement_activity")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("engagement:activity_list"))
    paginator = response.context["page"].paginator
    if connection.vendor == "postgresql":
        # pg_class's estimate, scaled by the table's size now: near the 1,035 rows, never counted.
        assert paginator.is_estimate and 900 <= paginator.count <= 1200
        assert f"حدود {format_number(paginator.count)} فعالیت" in response.content.decode()
    else:
        assert not paginator.is_estimate and "بیش از ۱٬۰۰۰ فعالیت" in response.content.decode()
    counts = [q["sql"] for q in queries.captured_queries if "count(" in q["sql"].lower()]
    assert len(counts) == 1 and "LIMIT 1001" in counts[0]


def test_a_representative_still_sees_only_their_stakeholders_activities(world, client):
    from hamafza.engagement.services.activities import participant_add

    _activities(world.welfare, 30)
    theirs = Activity.objects.filter(organization=world.welfare).order_by("id").first()
    participant_add(activity=theirs, stakeholder=world.ngo, user=None, by=world.staff)
    client.force_login(world.rep)
    page = client.get(reverse("engagement:activity_list")).content.decode()
    assert "۱ فعالیت" in page and _rows(page) == 1 and f"/engagement/activities/{theirs.pk}/" in page


def test_a_stakeholder_with_two_domains_is_listed_once_under_a_domain_filter(world, client):
    both = stakeholder_create(
        data=StakeholderData(
            name="کانون دوحوزه",
            domains=domains_by_name(["محیط زیست", "جوانان"]),
            provinces=[world.province, world.other_province],
        ),
        by=None,
    )
    client.force_login(world.staff)
    domain = both.domains.get(name="محیط زیست")
    page = client.get(
        reverse("engagement:stakeholder_list"), {"domain": domain.pk, "province": world.province.pk}
    ).content.decode()
    assert page.count(f"/engagement/stakeholders/{both.pk}/") == 1
    assert "۲ ذی‌نفع" in page  # «انجمن سبز شیراز» and this one


@pytest.mark.parametrize("query", ["انجمن", "انجمن سبز", "سبزشیراز"])
def test_the_registry_search_keeps_its_matches(world, client, query):
    client.force_login(world.staff)
    page = client.get(reverse("engagement:stakeholder_list"), {"q": query}).content.decode()
    assert "انجمن سبز شیراز" in page and "یاری‌گران" not in page
    assert Stakeholder.objects.count() == 2


def test_next_and_previous_walk_the_whole_list_by_cursor_without_an_offset(world, client):
    _activities(world.welfare, 130)  # five full pages and five more; starts shared by three, as before
    client.force_login(world.staff)
    url = reverse("engagement:activity_list")
    ids = list(
        Activity.objects.filter(organization=world.welfare).order_by("-starts_at", "id").values_list("pk", flat=True)
    )
    seen: list[int] = []
    pages: list[str] = []
    query = ""
    while True:
        with CaptureQueriesContext(connection) as queries:
            html = client.get(f"{url}?{query}").content.decode()
        if query:
            assert "after=" in query
            page_reads = [
                q["sql"]
                for q in queries.captured_queries
                if "engagement_activity" in q["sql"] and "LIMIT 26" in q["sql"]
            ]
            assert page_reads and all("OFFSET" not in sql for sql in page_reads)
        seen += [int(pk) for pk in re.findall(r'href="/engagement/activities/(\d+)/"', html)]
        pages.append(html)
        query = pager_link(html, "بعدی")
        if not query:
            break
    # Every activity once, in the list's order (newest first, ties by id), over six pages.
    assert seen == ids and len(pages) == 6
    assert f"صفحه {format_number(6)}" in pages[-1]
    # And back: «قبلی» from the last page gives the pages before it, row for row, down to the first.
    html = pages[-1]
    for expected in reversed(pages[:-1]):
        query = pager_link(html, "قبلی")
        assert query and "before=" in query
        html = client.get(f"{url}?{query}").content.decode()
        assert re.findall(r'href="/engagement/activities/(\d+)/"', html) == re.findall(
            r'href="/engagement/activities/(\d+)/"', expected
        )
    assert "صفحه ۱ " in html and pager_link(html, "قبلی") is None


def test_a_cursor_that_is_not_ours_is_ignored_and_the_page_number_serves(world, client):
    _activities(world.welfare, 40)
    client.force_login(world.staff)
    url = reverse("engagement:activity_list")
    for junk in ["x", "W10", "WyJhIiwgImIiXQ", "!!", "eyJhIjogMX0"]:
        response = client.get(url, {"after": junk, "page": "2"})
        assert response.status_code == 200
        assert _rows(response.content.decode()) == 15
    assert client.get(url, {"before": "WyIyMDI1LTA1LTA1VDEwOjAwOjAwKzAzOjMwIiwgIm5vdC1hbi1pZCJd"}).status_code == 200
    # A real cursor with a number edited by hand: the number is only a label, and never out of the list's pages.
    after = pager_link(client.get(url).content.decode(), "بعدی")
    assert after
    cursor = re.search(r"after=([\w-]+)", after).group(1)
    for number in ["999", "0", "-3", "۲", "9" * 40]:
        response = client.get(url, {"after": cursor, "page": number})
        assert response.status_code == 200
        assert _rows(response.content.decode()) == 15
        assert response.context["page"].number == 2


def test_the_registry_pages_by_cursor_and_keeps_its_filters(world, client):
    for n in range(60):
        stakeholder_create(data=StakeholderData(name=f"انجمن شماره {n} یاری", provinces=[world.province]), by=None)
    client.force_login(world.staff)
    url = reverse("engagement:stakeholder_list")
    first = client.get(url, {"q": "یاری"}).content.decode()
    query = pager_link(first, "بعدی")
    assert query and "q=" in query and "after=" in query
    second = client.get(f"{url}?{query}").content.decode()
    first_ids = set(re.findall(r'href="/engagement/stakeholders/(\d+)/"', first))
    second_ids = set(re.findall(r'href="/engagement/stakeholders/(\d+)/"', second))
    assert first_ids and second_ids and not first_ids & second_ids
    assert "صفحه ۲" in second


def test_a_person_sees_the_activities_they_take_part_in_or_own_a_decision_of_through_indexed_subqueries(
    world, client, make_user
):
    from hamafza.engagement.permissions import activities_visible_to
    from hamafza.engagement.services.activities import Decision, minutes_save, participant_add

    _activities(world.welfare, 12)
    first, second, third = Activity.objects.filter(organization=world.welfare).order_by("id")[:3]
    guest = make_user("mehman", first_name="مهمان", last_name="نشست")
    participant_add(activity=first, stakeholder=None, user=guest, by=world.staff)
    participant_add(activity=second, stakeholder=None, user=guest, by=world.staff)
    decisions = [Decision(title="پیگیری مصوبه", owner=guest, due_on=dt.date(2025, 6, 1))]
    minutes_save(activity=second, minutes="صورت‌جلسه", decisions=decisions, version=second.version, by=world.staff)
    third = Activity.objects.get(pk=third.pk)
    minutes_save(activity=third, minutes="صورت‌جلسه", decisions=decisions, version=third.version, by=world.staff)

    visible = activities_visible_to(guest)
    # Each activity once, though the second is reached both ways; the others of the office stay hidden.
    assert sorted(visible.values_list("pk", flat=True)) == sorted([first.pk, second.pk, third.pk])
    sql = str(visible.query).upper()
    assert "UNION" in sql and "JOIN" not in sql, sql
    client.force_login(guest)
    page = client.get(reverse("engagement:activity_list")).content.decode()
    assert _rows(page) == 3
