"""Program pages through real HTTP: list, detail with a progress bar, forms, the public page, and the API."""

from __future__ import annotations

from typing import Any

import pytest

from hamafza.programs.models import Milestone, Program
from hamafza.programs.services import milestone_add, program_create, program_publish

pytestmark = pytest.mark.django_db


def test_the_manager_creates_a_program_with_jalali_dates_in_persian_digits(client: Any, fars: Any) -> None:
    client.force_login(fars.manager)
    form = client.get("/programs/new/")
    assert form.status_code == 200 and "دستگاه مسئول" in form.content.decode()
    response = client.post(
        "/programs/new/",
        {
            "owner": fars.welfare.pk,
            "title": "برنامه توانمندسازی زنان سرپرست خانوار",
            "kind": "joint_program",
            "status": "active",
            "goals": "آموزش مهارت\nاشتغال خانگی",
            "start_date": "۱۴۰۵/۰۱/۱۵",
            "end_date": "1405/12/20",
        },
    )
    program = Program.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/programs/{program.pk}/"
    assert program.start_date.isoformat() == "2026-04-04"
    assert program.owner == fars.welfare


def test_a_bad_date_keeps_what_was_typed_and_says_why(client: Any, fars: Any) -> None:
    client.force_login(fars.manager)
    response = client.post(
        "/programs/new/",
        {
            "owner": fars.welfare.pk,
            "title": "برنامه",
            "kind": "key_work",
            "status": "draft",
            "start_date": "۱۴۰۵/۱۳/۰۱",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "ماه" in html and 'value="برنامه"' in html
    assert not Program.objects.exists()


def test_staff_see_the_list_but_cannot_create(client: Any, fars: Any, program: Any) -> None:
    client.force_login(fars.staff)
    html = client.get("/programs/").content.decode()
    assert program.title in html and "/programs/new/" not in html
    assert client.get("/programs/new/").status_code == 404
    assert client.get(f"/programs/{program.pk}/edit/").status_code == 404


def test_detail_shows_milestones_and_the_weighted_progress_bar(client: Any, fars: Any, program: Any) -> None:
    client.force_login(fars.manager)
    first = program.milestones.order_by("order").first()
    response = client.post(
        f"/programs/milestones/{first.pk}/progress/",
        {f"m{first.pk}-progress": "۱۰۰", f"m{first.pk}-version": "1", f"m{first.pk}-note": ""},
    )
    assert response.status_code == 302
    html = client.get(f"/programs/{program.pk}/").content.decode()
    # (1×100 + 3×0) / 4 = 25 %
    assert '<progress class="flex-grow-1 program-progress" max="100" value="25.0"' in html
    assert "۲۵٪" in html
    assert html.count('data-testid="milestone"') == 2


def test_a_stale_progress_form_says_someone_else_saved_first(client: Any, fars: Any, program: Any) -> None:
    client.force_login(fars.manager)
    first = program.milestones.first()
    data = {f"m{first.pk}-progress": "۵۰", f"m{first.pk}-version": "1"}
    client.post(f"/programs/milestones/{first.pk}/progress/", data)
    html = client.post(f"/programs/milestones/{first.pk}/progress/", data, follow=True).content.decode()
    assert "توسط کاربر دیگری تغییر کرده" in html


def test_adding_a_milestone_from_the_page(client: Any, fars: Any, program: Any) -> None:
    client.force_login(fars.manager)
    response = client.post(
        f"/programs/{program.pk}/milestones/", {"title": "ارزیابی پایانی", "weight": "۲٫۵", "due_date": "۱۴۰۵/۰۹/۳۰"}
    )
    assert response.status_code == 302
    added = Milestone.objects.get(title="ارزیابی پایانی")
    assert str(added.weight) == "2.50" and added.order == 3


def test_a_stale_program_edit_answers_409_and_keeps_the_form(client: Any, fars: Any, program: Any) -> None:
    client.force_login(fars.manager)
    data = {"title": "عنوان تازه", "kind": "joint_program", "status": "active", "version": "1"}
    assert client.post(f"/programs/{program.pk}/edit/", data).status_code == 302
    stale = client.post(f"/programs/{program.pk}/edit/", data | {"title": "عنوان دیگر"})
    assert stale.status_code == 409 and 'value="عنوان دیگر"' in stale.content.decode()


def test_foreign_drafts_are_404_and_published_ones_open_to_anonymous(client: Any, fars: Any, program: Any) -> None:
    client.force_login(fars.other_manager)
    assert client.get(f"/programs/{program.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/programs/{program.pk}/").status_code == 404
    assert program.title not in client.get("/programs/public/").content.decode()

    client.force_login(fars.manager)
    assert client.post(f"/programs/{program.pk}/publish/").status_code == 302
    client.logout()
    page = client.get(f"/programs/{program.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and 'lang="fa" dir="rtl"' in html
    assert "ثبت پیشرفت" not in html and "ویرایش" not in html
    assert program.title in client.get("/programs/public/").content.decode()


def test_the_list_costs_the_same_queries_for_few_or_many(
    client: Any, fars: Any, django_assert_num_queries: Any
) -> None:
    def make(n: int) -> None:
        for number in range(n):
            created = program_create(
                owner=fars.welfare, title=f"برنامه {number}", kind="key_work", status="active", by=fars.manager
            )
            milestone_add(program=created, title="گام", by=fars.manager)

    make(3)
    client.force_login(fars.manager)
    client.get("/programs/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/programs/")
    make(20)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/programs/")
    assert response.content.decode().count('data-testid="program-row"') == 23


def test_the_public_list_costs_the_same_queries_for_few_or_many(
    client: Any, fars: Any, django_assert_num_queries: Any
) -> None:
    def make(n: int) -> None:
        for number in range(n):
            created = program_create(
                owner=fars.welfare, title=f"کار شاخص {number}", kind="key_work", status="active", by=fars.manager
            )
            program_publish(program=created, by=fars.manager)

    make(2)
    client.get("/programs/public/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/programs/public/")
    make(10)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/programs/public/")


def test_api_lists_creates_and_records_progress_in_persian_digits(client: Any, fars: Any, program: Any) -> None:
    client.force_login(fars.manager)
    listed = client.get("/api/v1/programs/").json()
    assert listed["count"] == 1 and listed["results"][0]["progress"] == 0.0
    created = client.post(
        "/api/v1/programs/",
        {"owner_id": fars.welfare.pk, "title": "کار شاخص پسماند", "kind": "key_work", "status": "active"},
        content_type="application/json",
    )
    assert created.status_code == 201
    new_id = created.json()["id"]
    milestone = client.post(
        f"/api/v1/programs/{new_id}/milestones",
        {"title": "تفکیک از مبدأ", "weight": "۲"},
        content_type="application/json",
    ).json()
    updated = client.post(
        f"/api/v1/programs/milestones/{milestone['id']}/progress",
        {"progress": "۴۰", "version": milestone["version"]},
        content_type="application/json",
    )
    assert updated.json()["progress"] == 40
    stale = client.post(
        f"/api/v1/programs/milestones/{milestone['id']}/progress",
        {"progress": "۵۰", "version": milestone["version"]},
        content_type="application/json",
    )
    assert stale.status_code == 409 and "تغییر کرده" in stale.json()["detail"]
    detail = client.get(f"/api/v1/programs/{new_id}").json()
    assert detail["progress"] == 40.0 and detail["milestones"][0]["status"] == "in_progress"
    bad = client.patch(
        f"/api/v1/programs/{new_id}",
        {"version": 1, "end_date": "2020-01-01", "start_date": "2021-01-01"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "تاریخ پایان" in bad.json()["detail"]


def test_api_hides_foreign_drafts_and_opens_published_programs_to_anyone(client: Any, fars: Any, program: Any) -> None:
    client.force_login(fars.other_manager)
    assert client.get(f"/api/v1/programs/{program.pk}").status_code == 404
    assert (
        client.post(
            f"/api/v1/programs/{program.pk}/milestones", {"title": "گام"}, content_type="application/json"
        ).status_code
        == 404
    )
    client.logout()
    assert client.get("/api/v1/programs/public").json()["count"] == 0
    program_publish(program=program, by=fars.manager)
    assert client.get("/api/v1/programs/public").json()["results"][0]["title"] == program.title


def test_managers_see_late_milestones_in_their_work_and_the_list_filters_them(
    client: Any, fars: Any, program: Any
) -> None:
    import datetime as dt

    from hamafza.core.work import work_for

    milestone_add(program=program, title="گزارش پایانی", due_date=dt.date(2020, 1, 1), by=fars.manager)
    items = [item for item in work_for(fars.manager) if item.group == "برنامه‌ها"]
    assert [(item.count, item.is_overdue, item.url) for item in items] == [(1, True, "/programs/?late=1")]
    assert not [item for item in work_for(fars.other_manager) if item.group == "برنامه‌ها"]
    assert not [item for item in work_for(fars.staff) if item.group == "برنامه‌ها"]
    client.force_login(fars.manager)
    fresh = program_create(
        owner=fars.welfare, title="برنامه بی‌تأخیر", kind="key_work", status="active", by=fars.manager
    )
    html = client.get("/programs/?late=1").content.decode()
    assert program.title in html and fresh.title not in html


def test_the_portal_shows_published_programs_only(client: Any, fars: Any, program: Any) -> None:
    assert 'data-testid="portal-programs"' not in client.get("/").content.decode()
    program_publish(program=program, by=fars.manager)
    html = client.get("/").content.decode()
    assert 'data-testid="portal-programs"' in html and program.title in html
