"""Evidence and objection attachments: stored under generated names, opened only by those who may see the unit."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hamafza.core.errors import DomainError
from hamafza.evaluation.framework_io import parse_framework_xlsx
from hamafza.evaluation.models import Answer, AnswerSource, Evidence, Objection, Round, RoundState
from hamafza.evaluation.services.answers import AnswerInput, answer_save
from hamafza.evaluation.services.evidence import evidence_add
from hamafza.evaluation.services.review import objection_raise
from tests.files import pdf_bytes, png_bytes, xlsx_bomb_bytes

LONG_NAME = "گزارش جلسات شورای محله و صورت‌جلسه‌های پیوست " * 7 + ".pdf"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def login(client, user):
    client.force_login(user)


def upload(name: str = "صورت‌جلسه.pdf", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if data is None else data, content_type="application/pdf")


@pytest.fixture
def evidence(open_round):
    return evidence_add(round_unit=open_round.unit1, upload=upload(), by=open_round.manager1)


def test_a_300_character_file_name_is_kept_as_data_and_stored_under_a_generated_name(open_round):
    w = open_round
    assert len(LONG_NAME) > 300
    stored = evidence_add(round_unit=w.unit1, upload=upload(LONG_NAME), by=w.manager1)
    assert stored.original_name.endswith(".pdf") and len(stored.original_name) <= 200
    assert re.fullmatch(rf"evidence/{w.round.pk}/{w.unit1.pk}/[0-9a-f]{{32}}\.pdf", stored.file.name)


def test_a_person_chosen_path_never_decides_where_a_file_lands(open_round):
    w = open_round
    stored = evidence_add(round_unit=w.unit1, upload=upload("../../../settings.pdf"), by=w.manager1)
    assert ".." not in stored.file.name
    assert stored.original_name == "settings.pdf"


def test_an_html_page_posing_as_a_pdf_is_refused_on_the_page(client, open_round):
    w = open_round
    login(client, w.manager1)
    page = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>")
    response = client.post(reverse("evaluation:evidence_upload", args=[w.unit1.pk]), {"file": page}, follow=True)
    assert "نوع این پرونده پذیرفته نیست" in response.content.decode()
    assert not Evidence.objects.exists()


# Opening files


def test_the_evaluator_opens_a_units_evidence_as_an_attachment_with_its_persian_name(client, open_round, evidence):
    login(client, open_round.evaluator)
    response = client.get(reverse("evaluation:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote('صورت‌جلسه.pdf')}" in disposition


@pytest.mark.parametrize("who", ["manager1", "inspector_a"])
def test_the_unit_and_its_inspector_open_its_evidence(client, open_round, evidence, who):
    login(client, getattr(open_round, who))
    assert client.get(reverse("evaluation:evidence_download", args=[evidence.pk])).status_code == 200


@pytest.mark.parametrize("who", ["manager2", "inspector_b"])
def test_a_person_outside_the_unit_gets_404(client, open_round, evidence, who):
    login(client, getattr(open_round, who))
    assert client.get(reverse("evaluation:evidence_download", args=[evidence.pk])).status_code == 404


def test_a_published_result_does_not_make_its_evidence_public(client, open_round, evidence, make_user):
    Round.objects.filter(pk=open_round.round.pk).update(state=RoundState.PUBLISHED)
    login(client, make_user("citizen"))
    assert client.get(reverse("evaluation:evidence_download", args=[evidence.pk])).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, evidence):
    response = client.get(reverse("evaluation:evidence_download", args=[evidence.pk]))
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_the_web_server_can_send_the_bytes_when_settings_say_so(client, open_round, evidence, settings):
    settings.HAMAFZA_FILE_SERVING = "x-accel"
    settings.HAMAFZA_X_ACCEL_PREFIX = "/protected-media/"
    login(client, open_round.evaluator)
    response = client.get(reverse("evaluation:evidence_download", args=[evidence.pk]))
    assert response["X-Accel-Redirect"] == f"/protected-media/{evidence.file.name}"
    assert response.content == b""
    assert response["Content-Disposition"].startswith("attachment;")
    settings.HAMAFZA_FILE_SERVING = "x-sendfile"
    response = client.get(reverse("evaluation:evidence_download", args=[evidence.pk]))
    assert response["X-Sendfile"] == evidence.file.path


def test_media_files_are_not_served_by_the_app(client, open_round, evidence):
    login(client, open_round.evaluator)
    assert client.get(f"/media/{evidence.file.name}").status_code == 404


def test_the_self_assessment_page_links_each_evidence_to_the_checked_view(client, open_round, evidence):
    login(client, open_round.manager1)
    page = client.get(reverse("evaluation:self_assessment", args=[open_round.unit1.pk])).content.decode()
    assert reverse("evaluation:evidence_download", args=[evidence.pk]) in page
    assert "/media/" not in page


# Objection attachments


@pytest.fixture
def objection(open_round):
    w = open_round
    answer, _ = answer_save(
        round_unit=w.unit1,
        item=w.items["sessions"],
        source=AnswerSource.SELF,
        by=w.manager1,
        data=AnswerInput(value="3"),
    )
    Round.objects.filter(pk=w.round.pk).update(state=RoundState.OBJECTION)
    photo = SimpleUploadedFile("عکس " * 90 + ".png", png_bytes())
    return objection_raise(
        answer=Answer.objects.get(pk=answer.pk), text="شمار جلسه‌ها بیشتر بود", by=w.manager1, attachment=photo
    )


def test_an_objection_attachment_keeps_its_name_as_data_and_opens_for_the_office(client, open_round, objection):
    assert re.fullmatch(rf"objections/{open_round.unit1.pk}/[0-9a-f]{{32}}\.png", objection.attachment.name)
    assert objection.attachment_type == "image/png"
    login(client, open_round.evaluator)
    url = reverse("evaluation:objection_attachment", args=[objection.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    review = client.get(reverse("evaluation:review", args=[open_round.unit1.pk])).content.decode()
    assert url in review


def test_an_objection_attachment_is_404_outside_the_unit(client, open_round, objection):
    login(client, open_round.manager2)
    assert client.get(reverse("evaluation:objection_attachment", args=[objection.pk])).status_code == 404
    assert Objection.objects.count() == 1


# Smaller: the upload redirect and the truth after a failed save


def test_the_upload_never_redirects_to_another_site(client, open_round):
    w = open_round
    login(client, w.manager1)
    url = reverse("evaluation:evidence_upload", args=[w.unit1.pk])
    for target in ("https://evil.example/phish", "//evil.example", "javascript:alert(1)"):
        response = client.post(url, {"file": upload(), "next": target})
        assert response["Location"] == reverse("evaluation:self_assessment", args=[w.unit1.pk])
    inside = reverse("evaluation:unit", args=[w.unit1.pk])
    assert client.post(url, {"file": upload(), "next": inside})["Location"] == inside


def test_a_save_on_a_locked_round_says_nothing_was_saved(client, open_round):
    w = open_round
    Round.objects.filter(pk=w.round.pk).update(state=RoundState.FINALIZED)
    login(client, w.manager1)
    item = w.items["sessions"]
    response = client.post(
        reverse("evaluation:self_assessment", args=[w.unit1.pk]), {f"item-{item.pk}-value": "9", "save": "1"}
    )
    page = response.content.decode()
    assert "بقیه ذخیره شد" not in page
    assert "هیچ پاسخی ذخیره نشد" in page
    assert not Answer.objects.exists()


def test_a_framework_xlsx_bomb_is_refused_before_parsing(db):
    with pytest.raises(DomainError, match="مگابایت"):
        parse_framework_xlsx(io.BytesIO(xlsx_bomb_bytes(megabytes=40)))


def test_a_multipart_upload_keeps_the_zwnj_of_the_persian_name(client, open_round):
    name = "صورت\u200cجلسه.pdf"
    login(client, open_round.manager1)
    response = client.post(reverse("evaluation:evidence_upload", args=[open_round.unit1.pk]), {"file": upload(name)})
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.original_name == name
    download = client.get(reverse("evaluation:evidence_download", args=[evidence.pk]))
    assert quote(name) in download["Content-Disposition"]
