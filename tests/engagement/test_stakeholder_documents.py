"""Stakeholder documents: served only through a permission-checked download, to whoever may open the
stakeholder (agency people, the NGO's own representative); anyone else gets a 404."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hamafza.engagement.models import StakeholderDocument
from hamafza.engagement.services.stakeholders import document_add
from tests.files import pdf_bytes


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.HAMAFZA_FILE_SERVING = "stream"
    return tmp_path


def _pdf(name: str = "اساسنامه سمن.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def test_staff_and_the_ngos_representative_download_with_the_persian_name(world, client):
    document = document_add(stakeholder=world.ngo, upload=_pdf(), title="اساسنامه", by=world.rep)
    url = reverse("engagement:document_download", args=[document.pk])
    for user in (world.staff, world.rep):
        client.force_login(user)
        page = client.get(reverse("engagement:stakeholder_detail", args=[world.ngo.pk])).content.decode()
        assert url in page
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == pdf_bytes()
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "filename*=utf-8''" + quote("اساسنامه سمن.pdf") in response["Content-Disposition"]
        assert "private" in response["Cache-Control"]


def test_x_accel_hands_the_document_to_nginx(world, client, settings):
    document = document_add(stakeholder=world.ngo, upload=_pdf(), by=world.rep)
    settings.HAMAFZA_FILE_SERVING = "x-accel"
    settings.HAMAFZA_X_ACCEL_PREFIX = "/protected-media/"
    client.force_login(world.staff)
    response = client.get(reverse("engagement:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + document.file.name
    assert response.content == b""


def test_foreign_missing_and_anonymous(world, client):
    document = document_add(stakeholder=world.ngo, upload=_pdf(), by=world.rep)
    url = reverse("engagement:document_download", args=[document.pk])
    # A representative of another NGO and a citizen: as if the file did not exist, and no link on any page.
    for user in (world.other_rep, world.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(reverse("engagement:stakeholder_detail", args=[world.ngo.pk])).status_code == 404
    client.force_login(world.staff)
    assert client.post(url).status_code == 405
    assert client.get(reverse("engagement:document_download", args=[document.pk + 999])).status_code == 404
    document.file.delete(save=False)
    assert client.get(url).status_code == 404  # gone from storage
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert StakeholderDocument.objects.count() == 1


ZWNJ_NAME = "صورت\u200cجلسه.pdf"


def test_a_multipart_upload_keeps_the_zwnj_of_the_persian_name(world, client):
    # Django's own parser drops ZWNJ (not str.isprintable()); ours keeps it, in the data and in the download.
    client.force_login(world.rep)
    response = client.post(reverse("engagement:document_add", args=[world.ngo.pk]), {"file": _pdf(ZWNJ_NAME)})
    assert response.status_code == 302
    document = StakeholderDocument.objects.get(stakeholder=world.ngo)
    assert document.original_name == ZWNJ_NAME
    assert "\u200c" not in document.file.name  # the stored name is still generated
    page = client.get(reverse("engagement:stakeholder_detail", args=[world.ngo.pk])).content.decode()
    assert ZWNJ_NAME in page
    download = client.get(reverse("engagement:document_download", args=[document.pk]))
    assert quote(ZWNJ_NAME) in download["Content-Disposition"]
    assert "%E2%80%8C" in download["Content-Disposition"]
