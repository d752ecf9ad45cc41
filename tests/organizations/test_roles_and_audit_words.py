"""A manager cannot take away their own role, removing another's asks first, and the audit trail reads as
sentences with its data behind a disclosure."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from hamafza.core.errors import DomainError
from hamafza.evaluation.models import AnswerSource
from hamafza.evaluation.services.answers import AnswerInput, answer_save
from hamafza.organizations.models import RoleGrant
from hamafza.organizations.services import organization_update, role_revoke

pytestmark = pytest.mark.django_db

PASSWORD = "s3cret-pass-1403"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_a_manager_cannot_revoke_their_own_role(two_provinces):
    own = RoleGrant.objects.get(user=two_provinces.manager)
    with pytest.raises(DomainError) as refused:
        role_revoke(grant=own, by=two_provinces.manager)
    assert "نقش خودتان" in refused.value.message
    assert RoleGrant.objects.filter(pk=own.pk).exists()


def test_the_members_page_offers_no_button_to_revoke_ones_own_role(client, two_provinces):
    login(client, two_provinces.manager)
    office = two_provinces.fars_office
    own = RoleGrant.objects.get(user=two_provinces.manager)
    html = client.get(reverse("organizations:members", args=[office.pk])).content.decode()
    assert reverse("organizations:revoke", args=[office.pk, own.pk]) not in html
    assert "نقش خود شما" in html
    client.post(reverse("organizations:revoke", args=[office.pk, own.pk]))
    assert RoleGrant.objects.filter(pk=own.pk).exists()


def test_revoking_another_persons_role_asks_for_confirmation_first(client, two_provinces, make_user, grant):
    office = two_provinces.fars_office
    expert = make_user("expert", first_name="علی", last_name="رضایی")
    their = grant(expert, "agency_staff", organization=office)
    login(client, two_provinces.manager)
    url = reverse("organizations:revoke", args=[office.pk, their.pk])
    assert url in client.get(reverse("organizations:members", args=[office.pk])).content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert "علی رضایی" in page.content.decode() and "گرفته شود؟" in page.content.decode()
    assert RoleGrant.objects.filter(pk=their.pk).exists()
    client.post(url)
    assert not RoleGrant.objects.filter(pk=their.pk).exists()


def test_the_members_page_names_people_by_their_persian_name_not_their_username(
    client, two_provinces, make_user, grant
):
    office = two_provinces.fars_office
    grant(make_user("r.ahmadi", first_name="رضا", last_name="احمدی"), "agency_staff", organization=office)
    login(client, two_provinces.manager)
    html = client.get(reverse("organizations:members", args=[office.pk])).content.decode()
    assert "رضا احمدی" in html
    assert "r.ahmadi" not in html


def _audit_html(client, admin, **query):
    login(client, admin)
    response = client.get(reverse("audit:list"), query)
    assert response.status_code == 200
    return response.content.decode()


def _assert_no_developer_words(html: str) -> None:
    main = html[html.index("<main") : html.index("</main>")]
    text = re.sub(r"<[^>]+>", " ", main)
    for word in ("True", "False", "\\u200c", "evaluation.", "organizations.", "roundunit", "{'", "has_plan"):
        assert word not in text, word


def test_the_audit_page_tells_an_answer_as_a_sentence_with_the_question_title(client, open_round, make_user, grant):
    w = open_round
    w.manager1.first_name, w.manager1.last_name = "سعید", "نوروزی"
    w.manager1.save()
    answer_save(
        round_unit=w.unit1,
        item=w.items["has_plan"],
        source=AnswerSource.SELF,
        by=w.manager1,
        data=AnswerInput(value="بله"),
    )
    admin = make_user("root")
    grant(admin, "system_admin")
    html = _audit_html(client, admin)
    assert "سعید نوروزی پاسخ «پرسش has_plan» را در خوداظهاری منطقه ۱ ثبت کرد: بله" in html
    assert "<details" in html
    _assert_no_developer_words(html.replace("پرسش has_plan", "پرسش"))


def test_an_organization_edit_reads_as_persian_before_and_after(client, two_provinces, make_user, grant):
    office = two_provinces.fars_office
    organization_update(organization=office, by=two_provinces.manager, version=office.version, is_active=False)
    admin = make_user("root")
    grant(admin, "system_admin")
    html = _audit_html(client, admin, kind="ویرایش سازمان")
    assert "زهرا کریمی مشخصات «اداره کل بهزیستی فارس» را ویرایش کرد" in html
    assert "بله ← خیر" in html
    _assert_no_developer_words(html)
