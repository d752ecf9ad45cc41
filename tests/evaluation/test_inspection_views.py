"""Field inspection over real HTTP: the page an inspector opens on a phone and the JSON endpoints its script
saves through — resends, stale versions, strangers, locked rounds and bad files all answered in Persian."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hamafza.evaluation.models import Answer, AnswerSource, ChecklistItem, Evidence, Round, RoundState
from hamafza.evaluation.services.rounds import round_advance
from tests.files import jpeg_bytes

PASSWORD = "s3cret-pass-1403"
PERSIAN = re.compile(r"[\u0600-\u06FF]{3}")


@pytest.fixture
def visit(open_round: Any) -> Any:
    """The round moved on to field inspection; inspector_a visits district 1."""
    open_round.round = round_advance(round_=open_round.round, to=RoundState.FIELD_INSPECTION, by=open_round.evaluator)
    return open_round


def login(client: Client, user: Any) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def answer_url(unit: Any) -> str:
    return reverse("evaluation:inspect_answer", args=[unit.pk])


def send(client: Client, unit: Any, item: Any, value: Any = "", **fields: Any) -> Any:
    body = {"item": item.pk, "value": value, "na": False, "note": "", "base_version": 0, "client_token": ""}
    body.update(fields)
    return client.post(answer_url(unit), json.dumps(body), content_type="application/json")


def stored(world: Any, code: str) -> Answer:
    return Answer.objects.get(round_unit=world.unit1, item=world.items[code], source=AnswerSource.INSPECTION)


def test_inspector_opens_a_phone_friendly_checklist(client, visit):
    login(client, visit.inspector_a)
    response = client.get(reverse("evaluation:inspect", args=[visit.unit1.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'inputmode="decimal"' in html
    assert 'accept="image/*,application/pdf"' in html and 'capture="environment"' in html
    assert "موضوعیت ندارد" in html
    assert 'data-choice="1"' in html and 'data-choice="0"' in html  # yes/no as two buttons
    assert "۰ از ۳ پرسش الزامی" in html
    assert "js/inspection.js" in html


def test_inspector_saves_an_answer_typed_in_persian_digits(client, visit):
    login(client, visit.inspector_a)
    response = send(client, visit.unit1, visit.items["sessions"], "۱۲", note="صورت‌جلسه‌ها دیده شد", client_token="t-1")
    assert response.status_code == 200
    assert response.json() == {"version": 1, "saved": True}
    answer = stored(visit, "sessions")
    assert (answer.value_number, answer.inspector, answer.note) == (12.0, visit.inspector_a, "صورت‌جلسه‌ها دیده شد")


def test_the_page_shows_saved_values_and_their_versions(client, visit):
    login(client, visit.inspector_a)
    send(client, visit.unit1, visit.items["sessions"], "12000", client_token="a")
    send(client, visit.unit1, visit.items["has_plan"], "1", client_token="b")
    send(client, visit.unit1, visit.items["has_plan"], "0", base_version=1, client_token="c")
    html = client.get(reverse("evaluation:inspect", args=[visit.unit1.pk])).content.decode()
    assert 'value="۱۲٬۰۰۰"' in html
    assert re.search(r'data-code="has_plan"[^>]*data-version="2"[^>]*data-value="0"', html, re.S)
    assert "۲ از ۳ پرسش الزامی" in html


def test_a_resend_with_the_same_token_is_idempotent(client, visit):
    login(client, visit.inspector_a)
    first = send(client, visit.unit1, visit.items["sessions"], "8", client_token="same-edit")
    again = send(client, visit.unit1, visit.items["sessions"], "8", client_token="same-edit")
    assert first.json() == {"version": 1, "saved": True}
    assert again.status_code == 200
    assert again.json() == {"version": 1, "saved": False}
    assert Answer.objects.filter(round_unit=visit.unit1, source=AnswerSource.INSPECTION).count() == 1


def test_a_save_on_a_stale_version_is_a_409_with_the_current_value(client, visit):
    login(client, visit.inspector_a)
    item = visit.items["sessions"]
    send(client, visit.unit1, item, "8", client_token="phone")
    send(client, visit.unit1, item, "9", base_version=1, client_token="tablet")
    response = send(client, visit.unit1, item, "10", base_version=1, client_token="phone-2")
    assert response.status_code == 409
    body = response.json()
    assert PERSIAN.search(body["detail"])
    assert body["current"]["value"] == "۹" and body["current"]["version"] == 2
    assert body["current"]["client_token"] == "tablet"
    assert stored(visit, "sessions").value_number == 9.0


def test_an_inspector_not_assigned_to_the_unit_gets_404(client, visit):
    login(client, visit.inspector_b)
    assert client.get(reverse("evaluation:inspect", args=[visit.unit1.pk])).status_code == 404
    response = send(client, visit.unit1, visit.items["sessions"], "8")
    assert response.status_code == 404
    assert PERSIAN.search(response.json()["detail"])
    evidence = client.post(
        reverse("evaluation:inspect_evidence", args=[visit.unit1.pk]),
        {"item": visit.items["has_plan"].pk, "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")},
    )
    assert evidence.status_code == 404
    assert not Answer.objects.filter(source=AnswerSource.INSPECTION).exists()


def test_a_unit_manager_cannot_use_the_inspection_endpoints(client, visit):
    login(client, visit.manager1)
    assert send(client, visit.unit1, visit.items["sessions"], "8").status_code == 404


def test_a_finalized_round_refuses_with_409_in_persian(client, visit):
    login(client, visit.inspector_a)
    Round.objects.filter(pk=visit.round.pk).update(state=RoundState.FINALIZED)
    response = send(client, visit.unit1, visit.items["sessions"], "8")
    assert response.status_code == 409
    assert "قفل" in response.json()["detail"]


def test_a_round_not_in_field_inspection_refuses_with_409(client, open_round):
    login(client, open_round.inspector_a)
    response = send(client, open_round.unit1, open_round.items["sessions"], "8")
    assert response.status_code == 409
    assert "بازدید میدانی این دوره باز نیست" in response.json()["detail"]
    page = client.get(reverse("evaluation:inspect", args=[open_round.unit1.pk])).content.decode()
    assert 'data-editable="0"' in page and "فقط برای دیدن" in page


@pytest.mark.parametrize("value", ["ده", "nan", "inf", "1e400"])
def test_a_value_that_is_not_a_number_is_400_in_persian(client, visit, value):
    login(client, visit.inspector_a)
    response = send(client, visit.unit1, visit.items["sessions"], value)
    assert response.status_code == 400
    assert "باید عدد باشد" in response.json()["detail"]
    assert not Answer.objects.filter(source=AnswerSource.INSPECTION).exists()


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[1, 2]", json.dumps({"item": "x"}).encode(), json.dumps({"item": 1, "value": ["a"]}).encode()],
)
def test_a_malformed_request_is_400_in_persian_never_500(client, visit, body):
    login(client, visit.inspector_a)
    response = client.post(answer_url(visit.unit1), body, content_type="application/json")
    assert response.status_code == 400
    assert PERSIAN.search(response.json()["detail"])


def test_an_item_of_another_framework_is_refused(client, visit):
    login(client, visit.inspector_a)
    foreign = ChecklistItem.objects.exclude(version=visit.round.framework_version).first()
    item = foreign or type("Missing", (), {"pk": 999_999})()
    response = send(client, visit.unit1, item, "1")
    assert response.status_code == 400
    assert "چارچوب این دوره" in response.json()["detail"]


def test_not_applicable_needs_no_value(client, visit):
    login(client, visit.inspector_a)
    response = send(client, visit.unit1, visit.items["complaints"], "", na=True, client_token="na")
    assert response.status_code == 200
    assert stored(visit, "complaints").is_not_applicable


def test_an_expired_session_gets_401_json_not_a_login_page(client, visit):
    response = send(client, visit.unit1, visit.items["sessions"], "8")
    assert response.status_code == 401
    assert PERSIAN.search(response.json()["detail"])


def test_the_csrf_token_travels_in_the_header(visit):
    client = Client(enforce_csrf_checks=True)
    login(client, visit.inspector_a)
    page = client.get(reverse("evaluation:inspect", args=[visit.unit1.pk])).content.decode()
    token = re.search(r'data-csrf="([^"]+)"', page).group(1)
    body = json.dumps({"item": visit.items["sessions"].pk, "value": "5", "client_token": "x"})
    refused = client.post(answer_url(visit.unit1), body, content_type="application/json")
    accepted = client.post(answer_url(visit.unit1), body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert refused.status_code == 403
    assert accepted.status_code == 200


def test_evidence_of_the_wrong_type_or_size_is_400_in_persian(client, visit):
    login(client, visit.inspector_a)
    send(client, visit.unit1, visit.items["has_plan"], "بله", client_token="p")
    url = reverse("evaluation:inspect_evidence", args=[visit.unit1.pk])
    item = visit.items["has_plan"].pk
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 an executable", content_type="image/jpeg")
    response = client.post(url, {"item": item, "file": fake})
    assert response.status_code == 400
    assert "نوع این پرونده پذیرفته نیست" in response.json()["detail"]
    big = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1), content_type="application/pdf")
    response = client.post(url, {"item": item, "file": big})
    assert response.status_code == 400
    assert "۱۰ مگابایت" in response.json()["detail"]
    assert not Evidence.objects.exists()


def test_a_photo_is_attached_to_the_inspectors_answer(client, visit):
    login(client, visit.inspector_a)
    url = reverse("evaluation:inspect_evidence", args=[visit.unit1.pk])
    photo = SimpleUploadedFile("charter.jpg", jpeg_bytes(), content_type="image/jpeg")
    before = client.post(url, {"item": visit.items["has_plan"].pk, "file": photo})
    assert before.status_code == 400
    assert "ابتدا به این پرسش پاسخ دهید" in before.json()["detail"]
    send(client, visit.unit1, visit.items["has_plan"], "بله", client_token="p")
    photo.seek(0)
    response = client.post(url, {"item": visit.items["has_plan"].pk, "file": photo})
    assert response.status_code == 201
    assert response.json()["name"] == "charter.jpg"
    assert Evidence.objects.get().answer == stored(visit, "has_plan")
    page = client.get(reverse("evaluation:inspect", args=[visit.unit1.pk])).content.decode()
    assert "charter.jpg" in page


def test_an_upload_without_a_file_is_400(client, visit):
    login(client, visit.inspector_a)
    response = client.post(reverse("evaluation:inspect_evidence", args=[visit.unit1.pk]), {"item": 1})
    assert response.status_code == 400
    assert "پرونده‌ای انتخاب نشده" in response.json()["detail"]


def test_an_item_shown_only_when_another_answer_matches_is_hidden_until_then(client, visit):
    login(client, visit.inspector_a)
    items = visit.items
    ChecklistItem.objects.filter(pk=items["complaints"].pk).update(
        relevant_if_item=items["has_plan"], relevant_if_value="بله"
    )
    url = reverse("evaluation:inspect", args=[visit.unit1.pk])
    hidden = re.compile(r'data-code="complaints"[^>]*data-relevant-value="1"[^>]*hidden', re.S)
    assert hidden.search(client.get(url).content.decode())
    assert "۰ از ۲ پرسش الزامی" in client.get(url).content.decode()
    send(client, visit.unit1, items["has_plan"], "بله", client_token="yes")
    html = client.get(url).content.decode()
    assert not hidden.search(html)
    assert "۱ از ۳ پرسش الزامی" in html


def test_submitting_an_incomplete_visit_says_what_is_missing(client, visit):
    login(client, visit.inspector_a)
    send(client, visit.unit1, visit.items["sessions"], "8", client_token="s")
    response = client.post(reverse("evaluation:inspect_submit", args=[visit.unit1.pk]), follow=True)
    assert "پرسش الزامی هنوز پاسخ ندارد" in response.content.decode()
    visit.unit1.refresh_from_db()
    assert visit.unit1.inspection_submitted_at is None


def test_a_complete_visit_is_submitted(client, visit):
    login(client, visit.inspector_a)
    for code, value in (("sessions", "8"), ("has_plan", "بله"), ("complaints", "۳")):
        assert send(client, visit.unit1, visit.items[code], value, client_token=code).status_code == 200
    response = client.post(reverse("evaluation:inspect_submit", args=[visit.unit1.pk]))
    assert response.status_code == 302
    assert response.url == reverse("evaluation:unit", args=[visit.unit1.pk])
    visit.unit1.refresh_from_db()
    assert visit.unit1.inspection_submitted_at is not None


def test_the_checklist_page_costs_the_same_queries_with_or_without_answers(client, visit):
    login(client, visit.inspector_a)
    url = reverse("evaluation:inspect", args=[visit.unit1.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    empty = queries()
    for code, value in (("sessions", "8"), ("has_plan", "بله"), ("complaints", "۳")):
        send(client, visit.unit1, visit.items[code], value, client_token=code)
    photo = SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg")
    evidence_url = reverse("evaluation:inspect_evidence", args=[visit.unit1.pk])
    assert client.post(evidence_url, {"item": visit.items["has_plan"].pk, "file": photo}).status_code == 201
    assert queries() == empty
