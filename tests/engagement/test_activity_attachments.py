"""Attachments of an activity: checked like every upload (structure, size, generated stored name, the person's
name kept as data) and served only through a permission-checked download; foreign files are a 404."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hamafza.core.errors import DomainError, PermissionDenied
from hamafza.core.models import AuditEntry
from hamafza.engagement.models import ActivityAttachment
from hamafza.engagement.services.activities import activity_create, attachment_add, participant_add
from tests.files import jpeg_bytes, pdf_bytes


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.HAMAFZA_FILE_SERVING = "stream"
    return tmp_path


@pytest.fixture
def meeting(world):
    start = timezone.now() + dt.timedelta(days=3)
    activity = activity_create(
        organization=world.welfare,
        kind="meeting",
        title="نشست فصلی با سمن‌ها",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        by=world.staff,
    )
    participant_add(activity=activity, stakeholder=world.ngo, by=world.staff)
    return activity


def _pdf(name: str = "گزارش نشست فصلی.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def test_staff_upload_minutes_and_participants_download_them(world, meeting, client, media):
    client.force_login(world.staff)
    response = client.post(
        reverse("engagement:attachment_add", args=[meeting.pk]), {"title": "صورت‌جلسه امضاشده", "file": _pdf()}
    )
    assert response.status_code == 302
    attachment = ActivityAttachment.objects.get(activity=meeting)
    # The stored name is generated; the person's name is data, shown and offered back on download.
    assert attachment.original_name == "گزارش نشست فصلی.pdf"
    stored = attachment.file.name.rsplit("/", 1)[-1]
    assert attachment.file.name.startswith(f"engagement/activities/{meeting.pk}/")
    assert stored.endswith(".pdf") and len(stored) == 36 and "گزارش" not in attachment.file.name
    assert (attachment.content_type, attachment.size) == ("application/pdf", len(pdf_bytes()))
    assert AuditEntry.objects.filter(action="engagement.attachment.added").count() == 1

    detail = client.get(reverse("engagement:activity_detail", args=[meeting.pk])).content.decode()
    url = reverse("engagement:attachment_download", args=[attachment.pk])
    assert url in detail and "صورت‌جلسه امضاشده" in detail

    # The NGO's representative takes part in the meeting: they may download, not upload.
    client.force_login(world.rep)
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes()
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert quote("گزارش نشست فصلی.pdf") in download["Content-Disposition"]
    assert "private" in download["Cache-Control"]
    rep_detail = client.get(reverse("engagement:activity_detail", args=[meeting.pk])).content.decode()
    assert url in rep_detail and 'enctype="multipart/form-data"' not in rep_detail.split("پیوست‌ها")[1][:2000]
    assert client.post(reverse("engagement:attachment_add", args=[meeting.pk]), {"file": _pdf()}).status_code == 404
    assert ActivityAttachment.objects.count() == 1


def test_x_accel_hands_the_bytes_to_nginx(world, meeting, client, settings):
    attachment = attachment_add(activity=meeting, upload=_pdf(), by=world.staff)
    settings.HAMAFZA_FILE_SERVING = "x-accel"
    settings.HAMAFZA_X_ACCEL_PREFIX = "/protected-media/"
    client.force_login(world.staff)
    response = client.get(reverse("engagement:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + attachment.file.name
    assert response.content == b""
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")


def test_foreign_and_missing_files_are_404(world, meeting, client):
    attachment = attachment_add(activity=meeting, upload=_pdf(), by=world.staff)
    url = reverse("engagement:attachment_download", args=[attachment.pk])
    # Another agency's staff, a representative of an NGO not in the meeting, a citizen: as if it did not exist.
    for user in (world.env_staff, world.other_rep, world.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(reverse("engagement:attachment_add", args=[meeting.pk]), {"file": _pdf()}).status_code == 404
    client.force_login(world.staff)
    assert client.get(reverse("engagement:attachment_download", args=[attachment.pk + 999])).status_code == 404
    attachment.file.delete(save=False)
    assert client.get(url).status_code == 404  # gone from storage
    client.logout()
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert ActivityAttachment.objects.count() == 1


def test_a_disguised_or_too_large_file_is_refused_in_persian(world, meeting, client, settings):
    fake = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>")
    with pytest.raises(DomainError, match="نوع این پرونده پذیرفته نیست"):
        attachment_add(activity=meeting, upload=fake, by=world.staff)
    renamed = SimpleUploadedFile("photo.png", jpeg_bytes())
    with pytest.raises(DomainError, match="نوع این پرونده پذیرفته نیست"):
        attachment_add(activity=meeting, upload=renamed, by=world.staff)
    photo = attachment_add(activity=meeting, upload=SimpleUploadedFile("عکس نشست.jpg", jpeg_bytes()), by=world.staff)
    assert photo.content_type == "image/jpeg" and photo.file.name.endswith(".jpg")

    from hamafza.engagement.services import activities

    big = SimpleUploadedFile("big.pdf", pdf_bytes())
    big.size = activities.ATTACHMENT_MAX_BYTES + 1
    with pytest.raises(DomainError, match="حجم پرونده حداکثر ۲۰ مگابایت"):
        attachment_add(activity=meeting, upload=big, by=world.staff)
    with pytest.raises(PermissionDenied):
        attachment_add(activity=meeting, upload=_pdf(), by=world.env_staff)

    client.force_login(world.staff)
    response = client.post(reverse("engagement:attachment_add", args=[meeting.pk]), {"file": fake}, follow=True)
    assert response.status_code == 200
    assert "نوع این پرونده پذیرفته نیست" in response.content.decode()
    # A path in the person's name is data, never a place on disk.
    sneaky = attachment_add(activity=meeting, upload=_pdf("../../etc/passwd.pdf"), by=world.staff)
    assert sneaky.original_name == "passwd.pdf" and ".." not in sneaky.file.name
    assert ActivityAttachment.objects.count() == 2


def test_a_multipart_upload_keeps_the_zwnj_of_the_persian_name(world, meeting, client):
    name = "صورت\u200cجلسه.pdf"
    client.force_login(world.staff)
    response = client.post(reverse("engagement:attachment_add", args=[meeting.pk]), {"file": _pdf(name)})
    assert response.status_code == 302
    attachment = ActivityAttachment.objects.get(activity=meeting)
    assert attachment.original_name == name
    download = client.get(reverse("engagement:attachment_download", args=[attachment.pk]))
    assert "filename*=utf-8''" + quote(name) in download["Content-Disposition"]
