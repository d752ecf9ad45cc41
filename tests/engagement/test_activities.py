from __future__ import annotations

import datetime as dt

import jdatetime
import pytest
from django.urls import reverse
from django.utils import timezone

from hamafza.core.errors import DomainError
from hamafza.core.work import work_for
from hamafza.engagement.models import ActionItem, Participant
from hamafza.engagement.services.activities import activity_create, course_register, participant_add


def _meeting(world, **extra):
    tz = timezone.get_current_timezone()
    start = dt.datetime(2025, 5, 5, 10, 0, tzinfo=tz)  # 1404/02/15 10:00 Tehran
    fields = {
        "organization": world.welfare,
        "kind": "meeting",
        "title": "نشست هم‌اندیشی پیشگیری از آسیب‌های اجتماعی",
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=2),
        "place": "سالن جلسات بهزیستی",
        "agenda": "بررسی طرح مشترک",
        "by": world.staff,
    }
    fields.update(extra)
    return activity_create(**fields)


def test_staff_create_a_meeting_with_jalali_date_and_time(world, client):
    client.force_login(world.staff)
    response = client.post(
        reverse("engagement:activity_create"),
        {
            "organization": world.welfare.pk,
            "kind": "meeting",
            "title": "نشست فصلی با سمن‌ها",
            "starts_at": "۱۴۰۴/۰۲/۱۵ ۱۰:۳۰",
            "ends_at": "1404/02/15 12:00",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "۱۵ اردیبهشت ۱۴۰۴" in page


def test_minutes_create_action_items_listed_in_their_owners_work(world, client):
    meeting = _meeting(world)
    client.force_login(world.staff)
    response = client.post(
        reverse("engagement:minutes_save", args=[meeting.pk]),
        {
            "minutes": "درباره طرح مشترک گفت‌وگو شد.",
            "version": meeting.version,
            "decision_title": ["تهیه پیش‌نویس تفاهم‌نامه", ""],
            "decision_owner": [str(world.manager.pk), ""],
            "decision_due": ["۱۴۰۴/۰۳/۰۱", ""],
        },
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert item.owner == world.manager and item.due_on == dt.date(2025, 5, 22)
    labels = [w.label for w in work_for(world.manager)]
    assert "مصوبه‌های جلسه‌ها" in labels
    client.force_login(world.manager)
    assert "تهیه پیش‌نویس تفاهم‌نامه" in client.get(reverse("engagement:my_actions")).content.decode()


def test_stale_minutes_are_a_version_conflict(world, client):
    meeting = _meeting(world)
    client.force_login(world.staff)
    url = reverse("engagement:minutes_save", args=[meeting.pk])
    client.post(url, {"minutes": "نخست", "version": meeting.version})
    response = client.post(url, {"minutes": "دوم", "version": meeting.version})
    assert response.status_code == 409
    meeting.refresh_from_db()
    assert meeting.minutes == "نخست"


def test_the_calendar_shows_the_meeting_on_its_jalali_day(world, client):
    meeting = _meeting(world)
    client.force_login(world.staff)
    page = client.get(reverse("engagement:calendar"), {"year": 1404, "month": 2}).content.decode()
    assert "اردیبهشت ۱۴۰۴" in page
    cell = page.split('data-day="15"')[1].split("</td>")[0]
    assert meeting.title in cell


def test_a_busy_day_lists_its_first_activities_and_links_to_the_rest_at_a_fixed_cost(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hamafza.engagement.calendar import DAY_LIMIT

    client.force_login(world.staff)
    url, month = reverse("engagement:calendar"), {"year": 1404, "month": 2}

    def add(hours: range) -> None:
        for hour in hours:
            starts = dt.datetime(2025, 5, 5, hour, tzinfo=timezone.get_current_timezone())
            _meeting(world, title=f"نشست ساعت {hour}", starts_at=starts, ends_at=starts + dt.timedelta(hours=1))

    add(range(8, 10))
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, month).status_code == 200
    add(range(10, 20))
    with CaptureQueriesContext(connection) as many:
        page = client.get(url, month).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    cell = page.split('data-day="15"')[1].split("</td>")[0]
    assert cell.count('data-testid="calendar-activity"') == DAY_LIMIT
    assert "نشست ساعت 8" in cell and "نشست ساعت 19" not in cell  # the earliest first
    assert "و ۸ فعالیت دیگر" in cell
    more = cell.split('data-testid="calendar-more"')[0].rsplit('href="', 1)[1].split('"')[0]
    listed = client.get(more.replace("&amp;", "&")).content.decode()
    assert "فعالیت‌های روز" in listed and "۱۵ اردیبهشت ۱۴۰۴" in listed
    assert listed.count('data-label="عنوان"') == 12


def test_the_activities_of_a_day_refuse_a_wrong_date_in_persian(world, client):
    _meeting(world)
    client.force_login(world.staff)
    response = client.get(reverse("engagement:activity_list"), {"day": "1404/13/40"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "activity-day" not in page and "نشست هم‌اندیشی" in page  # the whole list, and a message why
    assert "ماه ۱۳ وجود ندارد" in page


def test_the_ics_invitation_is_rfc_5545_in_utc(world, client):
    meeting = _meeting(world)
    client.force_login(world.staff)
    response = client.get(reverse("engagement:activity_ics", args=[meeting.pk]))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "DTSTART:20250505T063000Z" in text  # 10:00 Tehran is 06:30 UTC
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_a_consultation_keeps_the_ngos_answer(world, client):
    consultation = _meeting(world, kind="consultation", question="نظر شما درباره طرح چیست؟")
    participant = participant_add(activity=consultation, stakeholder=world.ngo, by=world.staff)
    client.force_login(world.rep)
    url = reverse("engagement:consultation_answer", args=[consultation.pk, participant.pk])
    assert client.post(url, {"opinion": "طرح را با مددکاری محله‌محور کامل کنید."}).status_code == 302
    client.force_login(world.staff)
    assert (
        "مددکاری محله‌محور" in client.get(reverse("engagement:activity_detail", args=[consultation.pk])).content.decode()
    )


def test_a_course_is_full_at_its_capacity(world):
    course = _meeting(world, kind="training", capacity=1)
    course_register(activity=course, stakeholder=world.ngo, by=world.rep)
    course_register(activity=course, stakeholder=world.ngo, by=world.rep)  # harmless twice
    with pytest.raises(DomainError) as caught:
        course_register(activity=course, stakeholder=world.other_ngo, by=world.other_rep)
    assert "ظرفیت" in caught.value.message
    assert Participant.objects.filter(activity=course).count() == 1


def test_another_agency_cannot_see_the_meeting(world, client):
    meeting = _meeting(world)
    client.force_login(world.env_staff)
    assert client.get(reverse("engagement:activity_detail", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("engagement:activity_ics", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("engagement:minutes_save", args=[meeting.pk]), {"version": 1}).status_code == 404
    client.force_login(world.rep)  # not invited
    assert client.get(reverse("engagement:activity_detail", args=[meeting.pk])).status_code == 404


def test_jalali_month_has_the_right_first_weekday():
    from hamafza.engagement.calendar import build_month

    month = build_month(1404, 2, [])
    first = next(day for day in month.weeks[0] if day.date)
    assert jdatetime.date.fromgregorian(date=first.date).weekday() == month.weeks[0].index(first)
