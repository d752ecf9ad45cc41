from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hamafza.core.errors import DomainError
from hamafza.core.models import AuditEntry
from hamafza.engagement.models import Stakeholder
from hamafza.engagement.services.stakeholders import (
    StakeholderData,
    contact_add,
    document_add,
    stakeholder_create,
)


def test_a_name_differing_only_by_arabic_yeh_and_a_missing_zwnj_is_a_duplicate(world):
    with pytest.raises(DomainError) as caught:
        stakeholder_create(data=StakeholderData(name="جمعیت ياری گران خانواده شيراز"), by=world.staff)
    assert "همین نام" in caught.value.message


def test_a_registration_number_in_persian_digits_matches_the_latin_one(world):
    with pytest.raises(DomainError) as caught:
        stakeholder_create(data=StakeholderData(name="انجمنی دیگر", registration_number="11111"), by=world.staff)
    assert "شماره ثبت" in caught.value.message
    assert world.ngo.registration_number == "11111"


def test_a_contact_mobile_in_any_digits_is_stored_normalized_and_a_bad_one_refused(world):
    contact = contact_add(stakeholder=world.ngo, name="مریم احمدی", mobile="+98 ۹۱۷ ۱۲۳ ۴۵۶۷", by=world.rep)
    assert contact.mobile == "09171234567"
    with pytest.raises(DomainError):
        contact_add(stakeholder=world.ngo, name="کسی", mobile="12345", by=world.rep)


def test_a_document_is_checked_by_its_bytes_not_its_name(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("statute.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    with pytest.raises(DomainError):
        document_add(stakeholder=world.ngo, upload=fake, by=world.rep)
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    xref = b"xref\n0 3\n0000000000 65535 f \ntrailer<</Size 3/Root 1 0 R>>\n"
    pdf = body + xref + b"startxref\n" + str(len(body)).encode() + b"\n%%EOF\n"
    real = SimpleUploadedFile("statute.pdf", pdf, content_type="application/pdf")
    document = document_add(stakeholder=world.ngo, upload=real, title="اساسنامه", by=world.rep)
    assert len(document.sha256) == 64
    assert AuditEntry.objects.filter(action="engagement.document.added").exists()


def test_the_list_finds_a_name_typed_with_arabic_letters_and_without_zwnj(world, client):
    client.force_login(world.staff)
    response = client.get(reverse("engagement:stakeholder_list"), {"q": "ياريگران"})
    assert "جمعیت یاری‌گران خانواده شیراز" in response.content.decode()
    assert "انجمن سبز شیراز" not in response.content.decode()


def test_the_list_filters_by_domain_and_province(world, client):
    from hamafza.organizations.models import DomainTag

    client.force_login(world.staff)
    domain = DomainTag.objects.get(name="محیط زیست")
    page = client.get(reverse("engagement:stakeholder_list"), {"domain": domain.pk}).content.decode()
    assert "انجمن سبز شیراز" in page and "یاری‌گران" not in page
    page = client.get(reverse("engagement:stakeholder_list"), {"province": world.other_province.pk}).content.decode()
    assert "انجمن سبز شیراز" not in page


def test_the_list_costs_the_same_queries_for_five_or_fifty_stakeholders(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hamafza.engagement.services.stakeholders import domains_by_name

    client.force_login(world.staff)
    url = reverse("engagement:stakeholder_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(50):
        stakeholder_create(
            data=StakeholderData(
                name=f"سمن شماره {i}", domains=domains_by_name(["جوانان"]), provinces=[world.province]
            ),
            by=None,
        )
    # session, user, grants, the menu's checks, count, page, its domains, its provinces, the filter lists: a
    # fixed number, whatever the number of stakeholders.
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few) <= 12


def test_an_ngo_representative_sees_only_their_own_stakeholder(world, client):
    client.force_login(world.rep)
    page = client.get(reverse("engagement:stakeholder_list")).content.decode()
    assert "یاری‌گران" in page and "انجمن سبز" not in page
    assert client.get(reverse("engagement:stakeholder_detail", args=[world.other_ngo.pk])).status_code == 404
    assert client.get(reverse("engagement:stakeholder_edit", args=[world.other_ngo.pk])).status_code == 404
    assert client.get(reverse("engagement:stakeholder_create")).status_code == 404


def test_a_citizen_cannot_open_the_registry(world, client):
    client.force_login(world.outsider)
    assert client.get(reverse("engagement:stakeholder_list")).status_code == 404
    assert client.get(reverse("engagement:stakeholder_detail", args=[world.ngo.pk])).status_code == 404


def test_staff_create_a_stakeholder_through_the_form_with_persian_digits(world, client):
    client.force_login(world.staff)
    response = client.post(
        reverse("engagement:stakeholder_create"),
        {"name": "  كانون  جوانان  ", "kind": "ngo", "registration_number": "۹۸۷-۶۵", "volunteers": "۱۲"},
    )
    assert response.status_code == 302
    created = Stakeholder.objects.get(registration_number="98765")
    assert created.name == "کانون جوانان" and created.volunteers == 12
    assert AuditEntry.objects.filter(action="engagement.stakeholder.created", target_id=str(created.pk)).exists()


def test_a_stale_edit_is_a_version_conflict(world, client):
    client.force_login(world.rep)
    url = reverse("engagement:stakeholder_edit", args=[world.ngo.pk])
    form = {"name": world.ngo.name, "kind": "ngo", "registration_number": "11111", "version": world.ngo.version}
    assert client.post(url, {**form, "description": "نخست"}).status_code == 302
    response = client.post(url, {**form, "description": "دوم"})
    assert response.status_code == 409
    assert "تغییر کرده" in response.content.decode()
    world.ngo.refresh_from_db()
    assert world.ngo.description == "نخست"
