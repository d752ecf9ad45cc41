from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hamafza.evaluation.models import Answer, AnswerSource, Evidence, Framework, Round, RoundState
from tests.evaluation.conftest import row, xlsx
from tests.files import pdf_bytes

PASSWORD = "s3cret-pass-1403"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_office_imports_a_framework_from_excel(client, office_world):
    login(client, office_world.evaluator)
    sheet = xlsx([row("A", "A1", "q1", "بله / خیر", 1, axis_weight=1)])
    response = client.post(
        reverse("evaluation:frameworks"),
        {
            "owner": office_world.municipality.pk,
            "code": "social",
            "title": "اجتماعی",
            "file": SimpleUploadedFile("f.xlsx", sheet.getvalue()),
        },
    )
    assert response.status_code == 302
    assert Framework.objects.get(code="social").versions.count() == 1


def test_a_broken_framework_file_shows_a_row_report_and_creates_nothing(client, office_world):
    login(client, office_world.evaluator)
    sheet = xlsx([row("A", "A1", "q1", "نامعلوم", "")])
    response = client.post(
        reverse("evaluation:frameworks"),
        {
            "owner": office_world.municipality.pk,
            "code": "bad",
            "title": "بد",
            "file": SimpleUploadedFile("f.xlsx", sheet.getvalue()),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "ردیف ۲" in html and "نامعلوم" in html
    assert not Framework.objects.filter(code="bad").exists()


def test_a_unit_manager_saves_self_assessment_and_keeps_typed_values_on_error(client, open_round):
    w = open_round
    login(client, w.manager1)
    url = reverse("evaluation:self_assessment", args=[w.unit1.pk])
    items = w.items
    response = client.post(
        url,
        {
            f"item-{items['sessions'].pk}-value": "ده",
            f"item-{items['complaints'].pk}-value": "۷",
            f"item-{items['has_plan'].pk}-value": "بله",
        },
    )
    html = response.content.decode()
    assert "باید عدد باشد" in html
    assert 'value="ده"' in html  # the typed value is still there
    saved = {a.item.code: a.value_number for a in Answer.objects.filter(round_unit=w.unit1).select_related("item")}
    assert saved == {"complaints": 7.0, "has_plan": 1.0}


def test_a_forged_request_for_another_districts_self_assessment_is_404(client, open_round):
    login(client, open_round.manager1)
    assert client.get(reverse("evaluation:self_assessment", args=[open_round.unit2.pk])).status_code == 404
    assert client.get(reverse("evaluation:review", args=[open_round.unit1.pk])).status_code == 404


def test_evidence_of_the_wrong_type_or_size_is_refused_with_a_message(client, open_round, settings):
    w = open_round
    login(client, w.manager1)
    url = reverse("evaluation:evidence_upload", args=[w.unit1.pk])
    fake_pdf = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 this is an exe", content_type="application/pdf")
    response = client.post(url, {"file": fake_pdf}, follow=True)
    assert "نوع این پرونده پذیرفته نیست" in response.content.decode()
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1), content_type="application/pdf")
    response = client.post(url, {"file": big}, follow=True)
    assert "۱۰ مگابایت" in response.content.decode()
    assert not Evidence.objects.exists()
    good = SimpleUploadedFile("plan.pdf", pdf_bytes(), content_type="application/pdf")
    client.post(url, {"file": good})
    evidence = Evidence.objects.get()
    assert len(evidence.sha256) == 64


def test_round_manage_page_is_for_the_office_only(client, open_round):
    login(client, open_round.manager1)
    assert client.get(reverse("evaluation:round_manage", args=[open_round.round.pk])).status_code == 404
    client.logout()
    login(client, open_round.evaluator)
    response = client.get(reverse("evaluation:round_manage", args=[open_round.round.pk]))
    assert response.status_code == 200
    assert "منطقه ۱" in response.content.decode()


def test_round_manage_pages_fifty_units_finds_one_by_name_and_costs_the_same_for_few_or_many(
    client, open_round, make_org
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hamafza.evaluation.services.rounds import round_add_units, round_create

    w = open_round
    draft = round_create(
        by=w.evaluator, office=w.municipality, framework_version=w.round.framework_version, code="big", title="بزرگ"
    )
    url = reverse("evaluation:round_manage", args=[draft.pk])
    login(client, w.evaluator)

    def add(first: int, count: int) -> None:
        units = [
            make_org(f"ناحیه {n:03d}", kind="municipal_district", parent=w.municipality)
            for n in range(first, first + count)
        ]
        round_add_units(round_=draft, units=units, by=w.evaluator)

    add(0, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(2, 58)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    table = html.split('data-testid="round-units"')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 50
    assert 'data-testid="unit-total">۶۰<' in html
    assert "ناحیه 000" in table and "ناحیه 059" not in table
    second = client.get(url, {"page": 2}).content.decode().split('data-testid="round-units"')[1].split("</table>")[0]
    assert second.count("<tr>") == 1 + 10 and "ناحیه 059" in second
    found = client.get(url, {"q": "ناحيه 042"}).content.decode()  # typed with an Arabic ي
    rows = found.split('data-testid="round-units"')[1].split("</table>")[0]
    assert rows.count("<tr>") == 2 and "ناحیه 042" in rows


def test_a_finalized_round_cannot_be_changed_through_the_ui(client, open_round):
    w = open_round
    Round.objects.filter(pk=w.round.pk).update(state=RoundState.FINALIZED)
    login(client, w.manager1)
    client.post(
        reverse("evaluation:self_assessment", args=[w.unit1.pk]),
        {f"item-{w.items['sessions'].pk}-value": "5"},
    )
    assert not Answer.objects.filter(round_unit=w.unit1, source=AnswerSource.SELF).exists()
    login(client, w.evaluator)
    response = client.post(reverse("evaluation:round_advance", args=[w.round.pk]), {"to": "review"}, follow=True)
    assert Round.objects.get(pk=w.round.pk).state == RoundState.FINALIZED
    assert "نمی‌رود" in response.content.decode() or "قفل" in response.content.decode()


def test_dashboard_lists_what_each_person_has_to_do(client, open_round):
    w = open_round
    login(client, w.manager1)
    html = client.get(reverse("evaluation:dashboard")).content.decode()
    assert "منطقه ۱" in html and "منطقه ۲" not in html
    login(client, w.inspector_a)
    html = client.get(reverse("evaluation:dashboard")).content.decode()
    assert "بازدیدهای من" in html


def test_my_units_are_the_units_own_people_s_not_every_unit_for_a_system_administrator(
    client, open_round, make_user, grant
):
    from hamafza.evaluation import selectors
    from hamafza.evaluation.services.rounds import round_add_units, round_advance, round_create

    w = open_round
    # A second, newer round over both districts: a person of the municipality's staff sees the newer round's units
    # first, each round's units in Persian alphabetical order.
    later = round_create(
        by=w.evaluator, office=w.municipality, framework_version=w.round.framework_version, code="r2", title="دوره دوم"
    )
    round_add_units(round_=later, units=[w.district2, w.district1], by=w.evaluator)
    round_advance(round_=later, to=RoundState.SELF_ASSESSMENT, by=w.evaluator)
    staff = make_user("municipal-staff", password=None)
    grant(staff, "agency_staff", organization=w.municipality)
    listed = [(ru.round.title, ru.unit.name) for ru in selectors.own_round_units(staff)]
    assert listed == [
        ("دوره دوم", "منطقه ۱"),
        ("دوره دوم", "منطقه ۲"),
        ("دوره اول", "منطقه ۱"),
        ("دوره اول", "منطقه ۲"),
    ]

    login(client, w.manager1)
    html = client.get(reverse("evaluation:dashboard")).content.decode()
    assert "ارزیابی واحد من" in html

    admin = make_user("platform-admin", password=None)
    grant(admin, "system_admin")
    assert not selectors.own_round_units(admin).exists()
    client.force_login(admin)
    html = client.get(reverse("evaluation:dashboard")).content.decode()
    assert "ارزیابی واحد من" not in html


def test_corrective_actions_page_costs_the_same_queries_for_few_or_many_and_flags_overdue(client, open_round):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hamafza.evaluation.services import follow_up

    w = open_round
    finding = follow_up.finding_add(round_unit=w.unit1, kind="weakness", text="ضعف", by=None, root_cause="علت")
    cause = finding.root_causes.get()

    def add(n: int) -> None:
        for i in range(n):
            follow_up.corrective_action_add(
                root_cause=cause, title=f"اقدام {i}", due_date=dt.date(2020, 1, 1) + dt.timedelta(days=i), by=None
            )

    add(2)
    login(client, w.evaluator)
    with CaptureQueriesContext(connection) as few:
        response = client.get(reverse("evaluation:actions"))
    assert response.content.decode().count('data-overdue="1"') == 2
    add(20)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("evaluation:actions"))
    assert len(many) == len(few)


def test_a_long_list_of_corrective_actions_walks_by_cursor_and_keeps_its_filter(client, open_round):
    import datetime as dt
    import re

    from hamafza.evaluation.models import CorrectiveAction
    from hamafza.evaluation.services import follow_up
    from tests.paging import pager_link, walk_forward

    w = open_round
    finding = follow_up.finding_add(round_unit=w.unit1, kind="weakness", text="ضعف", by=None, root_cause="علت")
    cause = finding.root_causes.get()
    # Two actions a day share their due date: the id breaks the tie in the cursor. Every other one is done.
    for number in range(70):
        action = follow_up.corrective_action_add(
            root_cause=cause,
            title=f"اقدام شماره {number}",
            due_date=dt.date(2030, 1, 1) + dt.timedelta(days=number // 2),
            by=None,
        )
        if number % 2:
            CorrectiveAction.objects.filter(pk=action.pk).update(status="completed", progress=100)
    expected = list(
        CorrectiveAction.objects.filter(status="not_started").order_by("due_date", "id").values_list("title", flat=True)
    )
    login(client, w.evaluator)

    def titles(html: str) -> list[str]:
        return re.findall(r'">(اقدام شماره [0-9]+)</a>', html)

    pages, _ = walk_forward(client, reverse("evaluation:actions"), "status=not_started", keep="status=not_started")
    assert [t for html in pages for t in titles(html)] == expected and len(expected) == 35 and len(pages) == 2
    back = client.get(f"{reverse('evaluation:actions')}?{pager_link(pages[-1], 'قبلی')}").content.decode()
    assert titles(back) == titles(pages[0])


def test_hq_routes_a_theme_of_weaknesses_to_a_department(client, open_round, make_org):
    from hamafza.core.models import AuditEntry
    from hamafza.evaluation.models import Finding
    from hamafza.evaluation.services import follow_up

    w = open_round
    for unit in (w.unit1, w.unit2):
        follow_up.finding_add(round_unit=unit, kind="weakness", text="پاسخ دیر", theme="پاسخ‌گویی", by=None)
    department = make_org("معاونت اجتماعی", parent=w.municipality)
    login(client, w.evaluator)
    response = client.post(reverse("evaluation:rollup_route"), {"theme": "پاسخ‌گویی", "department": department.pk})
    assert response.status_code == 302
    assert set(Finding.objects.values_list("department_id", flat=True)) == {department.pk}
    assert AuditEntry.objects.filter(action="evaluation.findings.routed").exists()
    html = client.get(reverse("evaluation:rollup")).content.decode()
    assert "معاونت اجتماعی" in html
