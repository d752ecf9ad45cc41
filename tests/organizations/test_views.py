from __future__ import annotations

import re

import pytest
from django.urls import reverse

from hamafza.core.models import AuditEntry
from hamafza.organizations.models import Organization

pytestmark = pytest.mark.django_db

PASSWORD = "s3cret-pass-1403"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def names_on(html: str) -> list[str]:
    return re.findall(r'data-testid="org-name">([^<]+)<', html)


def test_organization_list_shows_persian_alphabetical_order(client, make_org, make_user, grant, fars):
    root = make_org("ریشه", province=fars)
    for name in ["گل", "کتاب", "پدر", "بابا", "یاس", "چای", "ژاله"]:
        make_org(name, parent=root, province=fars)
    admin = make_user("root")
    grant(admin, "system_admin")
    login(client, admin)
    html = client.get(reverse("organizations:list"), {"province": fars.pk}).content.decode()
    assert names_on(html) == ["بابا", "پدر", "چای", "ریشه", "ژاله", "کتاب", "گل", "یاس"]


def test_organization_search_matches_arabic_letters_and_zwnj_variants(client, make_org, make_user, grant, fars):
    make_org("اداره کل بهزیستی فارس", province=fars)
    make_org("شهرداری شیراز", province=fars)
    admin = make_user("root")
    grant(admin, "system_admin")
    login(client, admin)
    html = client.get(reverse("organizations:list"), {"q": "بهزيستي"}).content.decode()  # Arabic yeh
    assert names_on(html) == ["اداره کل بهزیستی فارس"]


def test_list_page_costs_the_same_queries_for_five_or_fifty_rows(
    client, make_org, make_user, grant, fars, django_assert_max_num_queries
):
    admin = make_user("root")
    grant(admin, "system_admin")
    login(client, admin)
    parent = make_org("ریشه", province=fars)
    for n in range(4):
        make_org(f"اداره {n}", parent=parent, province=fars)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("organizations:list"))
    for n in range(45):
        make_org(f"واحد {n}", parent=parent, province=fars)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("organizations:list"))
    assert len(many) == len(few)


def test_manager_cannot_open_another_provinces_organization_edit_page(client, two_provinces):
    login(client, two_provinces.manager)
    response = client.get(reverse("organizations:edit", args=[two_provinces.markazi_office.pk]))
    assert response.status_code == 404
    assert "اداره کل بهزیستی مرکزی" not in response.content.decode()


def test_manager_cannot_post_an_edit_to_another_provinces_organization(client, two_provinces):
    login(client, two_provinces.manager)
    office = two_provinces.markazi_office
    response = client.post(
        reverse("organizations:edit", args=[office.pk]),
        {"name": "ربوده", "kind": "agency", "version": office.version, "is_active": "on"},
    )
    assert response.status_code == 404
    office.refresh_from_db()
    assert office.name == "اداره کل بهزیستی مرکزی"


def test_manager_edits_own_office_and_the_change_is_audited(client, two_provinces):
    login(client, two_provinces.manager)
    office = two_provinces.fars_office
    response = client.post(
        reverse("organizations:edit", args=[office.pk]),
        {
            "name": "اداره كل بهزيستي استان فارس",
            "kind": "provincial_office",
            "province": office.province_id,
            "mission": "حمایت از گروه‌های آسیب‌پذیر",
            "tags": "رفاه اجتماعی، سلامت",
            "is_active": "on",
            "version": office.version,
        },
    )
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.name == "اداره کل بهزیستی استان فارس"  # normalized on the way in
    entry = AuditEntry.objects.filter(action="organizations.organization.updated", target_id=str(office.pk)).get()
    assert entry.actor_id == two_provinces.manager.pk
    assert "name" in entry.data["changes"]


def test_a_stale_edit_gets_a_version_conflict_not_a_silent_overwrite(client, two_provinces):
    login(client, two_provinces.manager)
    office = two_provinces.fars_office
    form = {"name": "نام اول", "kind": "provincial_office", "is_active": "on", "version": office.version}
    assert client.post(reverse("organizations:edit", args=[office.pk]), form).status_code == 302
    stale = {**form, "name": "نام دوم"}
    response = client.post(reverse("organizations:edit", args=[office.pk]), stale)
    assert response.status_code == 409
    assert "کاربر دیگری تغییر کرده" in response.content.decode()
    office.refresh_from_db()
    assert office.name == "نام اول"


def test_granting_and_revoking_a_role_is_audited(client, two_provinces, make_user):
    login(client, two_provinces.manager)
    office = two_provinces.fars_office
    person = make_user("expert", mobile="09121112233")
    response = client.post(
        reverse("organizations:members", args=[office.pk]),
        {
            "action": "grant",
            "grant-person": "۰۹۱۲۱۱۱۲۲۳۳",
            "grant-role": "agency_staff",
            "grant-include_descendants": "on",
        },
    )
    assert response.status_code == 302
    grant = person.role_grants.get()
    assert grant.organization == office
    client.post(reverse("organizations:revoke", args=[office.pk, grant.pk]))
    actions = list(AuditEntry.objects.filter(target_id=str(office.pk)).values_list("action", flat=True))
    assert "organizations.role.granted" in actions
    assert "organizations.role.revoked" in actions


def test_new_person_with_a_wrong_national_id_gets_a_persian_message_and_nothing_is_created(client, two_provinces):
    login(client, two_provinces.manager)
    office = two_provinces.fars_office
    response = client.post(
        reverse("organizations:members", args=[office.pk]),
        {
            "action": "new",
            "person-first_name": "علی",
            "person-last_name": "رضایی",
            "person-username": "ali",
            "person-mobile": "0912",
            "person-national_id": "0499370898",
            "person-role": "agency_staff",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "کد ملی" in html and "معتبر نیست" in html
    assert "شماره همراه" in html
    assert not Organization.objects.filter(grants__user__username="ali").exists()


def test_profile_rejects_invalid_national_id_and_mobile_in_persian(client, make_user):
    user = make_user("citizen")
    login(client, user)
    response = client.post(
        reverse("accounts:profile"), {"first_name": "مریم", "national_id": "0499370898", "mobile": "12345"}
    )
    html = response.content.decode()
    assert "کد ملی" in html and "معتبر نیست" in html
    assert "۰۹۱۲۳۴۵۶۷۸۹" in html
    user.refresh_from_db()
    assert user.first_name == ""


def test_audit_page_refuses_an_invalid_jalali_date_with_a_persian_message(client, make_user, grant):
    admin = make_user("root")
    grant(admin, "system_admin")
    login(client, admin)
    response = client.get(reverse("audit:list"), {"since": "1402/12/30"})
    assert response.status_code == 200
    assert "کبیسه" in response.content.decode()


def test_audit_page_is_not_for_managers(client, two_provinces):
    login(client, two_provinces.manager)
    assert client.get(reverse("audit:list")).status_code == 404


def test_a_manager_adds_a_person_who_can_then_log_in_and_change_the_password(client, two_provinces):
    login(client, two_provinces.manager)
    office = two_provinces.fars_office
    response = client.post(
        reverse("organizations:members", args=[office.pk]),
        {
            "action": "new",
            "person-first_name": "علی",
            "person-last_name": "رضایی",
            "person-username": "ali",
            "person-mobile": "۰۹۱۲ ۳۴۵ ۶۷۸۹",
            "person-national_id": "0499370899",
            "person-password": "first-pass-1403",
            "person-role": "agency_staff",
        },
    )
    assert response.status_code == 302
    client.logout()
    # The new person logs in with the mobile number, as typed in Persian digits.
    assert client.login(username="09123456789", password="first-pass-1403")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "first-pass-1403", "new_password1": "another-pass-1404", "new_password2": "another-pass-1404"},
    )
    assert response.status_code == 302
    client.logout()
    assert client.login(username="ali", password="another-pass-1404")
    assert AuditEntry.objects.filter(action="accounts.password.changed").exists()
