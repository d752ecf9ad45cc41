"""Ten wrong passwords close the login for a while, per account and per address (django-axes)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hamafza.core.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "s3cret-pass-1403"
LOGIN = "/accounts/login/"


def _try(client, login: str, password: str = "wrong-password", address: str = "127.0.0.1"):
    return client.post(LOGIN, {"username": login, "password": password}, REMOTE_ADDR=address)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def ali(make_user):
    return make_user("ali", password=PASSWORD, mobile="09121234567", first_name="علی")


def test_after_ten_wrong_passwords_the_right_one_is_refused_with_a_persian_message_naming_the_wait(client, ali):
    for _ in range(9):
        assert _try(client, "ali").status_code == 200
    locked = _try(client, "ali")
    assert locked.status_code == 429
    response = _try(client, "ali", PASSWORD)
    assert response.status_code == 429
    assert not _logged_in(client)
    page = response.content.decode()
    assert 'lang="fa"' in page and 'dir="rtl"' in page
    assert "تا ساعت" in page and "۱۵ دقیقه دیگر دوباره تلاش کنید" in page


def test_nine_wrong_passwords_still_let_the_right_one_in(client, ali):
    for _ in range(9):
        _try(client, "ali")
    assert _try(client, "ali", PASSWORD).status_code == 302
    assert _logged_in(client)


def test_a_mobile_typed_in_persian_digits_and_the_username_count_as_one_account(client, ali):
    for login in ["۰۹۱۲۱۲۳۴۵۶۷", "0912 123 4567", "+989121234567", "ALI", "٠٩١٢١٢٣٤٥٦٧"] * 2:
        _try(client, login, address="10.0.0.1")
    # The tenth failure came from one address, but it is the account that is closed, from every address.
    response = _try(client, "09121234567", PASSWORD, address="10.9.9.9")
    assert response.status_code == 429
    assert not _logged_in(client)


def test_one_address_guessing_at_many_accounts_is_closed_but_others_are_not(client, ali, make_user):
    make_user("sara", password=PASSWORD)
    for n in range(10):
        _try(client, f"nobody{n}", address="10.0.0.66")
    assert _try(client, "sara", PASSWORD, address="10.0.0.66").status_code == 429
    assert _try(client, "sara", PASSWORD, address="10.0.0.7").status_code == 302


def test_the_lockout_is_written_to_the_audit_trail_once(client, ali):
    for _ in range(13):
        _try(client, "۰۹۱۲۱۲۳۴۵۶۷", address="10.0.0.5")
    entries = AuditEntry.objects.filter(action="accounts.login.locked_out")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.target_id == str(ali.pk)
    assert entry.data["ip_address"] == "10.0.0.5"


def _lock(client, login: str = "ali", address: str = "10.0.0.8") -> None:
    for _ in range(10):
        _try(client, login, address=address)


@pytest.fixture
def org_world(make_org, make_user, grant, ali):
    a = make_org("اداره کل الف")
    b = make_org("اداره کل ب")
    grant(ali, "agency_staff", organization=a)
    manager_a = make_user("manager_a", password=PASSWORD)
    grant(manager_a, "agency_manager", organization=a)
    manager_b = make_user("manager_b", password=PASSWORD)
    grant(manager_b, "agency_manager", organization=b)
    admin = make_user("root", password=PASSWORD)
    grant(admin, "system_admin")
    return {"a": a, "b": b, "manager_a": manager_a, "manager_b": manager_b, "admin": admin}


def test_a_manager_lifts_the_lock_of_a_person_in_their_organization_after_confirming(client, org_world, ali):
    _lock(client)
    client.force_login(org_world["manager_a"])
    page = client.get(reverse("lockouts:list"))
    assert page.status_code == 200 and "علی" in page.content.decode()
    confirm = client.get(reverse("lockouts:lift"), {"login": "ali"})
    assert confirm.status_code == 200 and "باز شود؟" in confirm.content.decode()
    response = client.post(reverse("lockouts:lift"), {"login": "ali"})
    assert response.status_code == 302
    lifted = AuditEntry.objects.get(action="accounts.login.lockout_lifted")
    assert lifted.actor_id == org_world["manager_a"].pk and lifted.target_id == str(ali.pk)
    client.logout()
    assert _try(client, "ali", PASSWORD, address="10.0.0.8").status_code == 302


def test_a_manager_of_another_organization_neither_sees_nor_lifts_the_lock(client, org_world):
    _lock(client)
    client.force_login(org_world["manager_b"])
    assert "علی" not in client.get(reverse("lockouts:list")).content.decode()
    assert client.get(reverse("lockouts:lift"), {"login": "ali"}).status_code == 404
    assert client.post(reverse("lockouts:lift"), {"login": "ali"}).status_code == 404
    assert not AuditEntry.objects.filter(action="accounts.login.lockout_lifted").exists()
    client.logout()
    assert _try(client, "ali", PASSWORD, address="10.0.0.8").status_code == 429


def test_a_person_without_a_managing_role_cannot_open_the_lockout_page(client, org_world, ali):
    client.force_login(ali)
    assert client.get(reverse("lockouts:list")).status_code == 404


def test_the_system_admin_lifts_a_lock_on_an_address(client, org_world, make_user):
    make_user("sara", password=PASSWORD)
    for n in range(10):
        _try(client, f"nobody{n}", address="10.0.0.66")
    client.force_login(org_world["admin"])
    assert "۱۰.۰.۰.۶۶" in client.get(reverse("lockouts:list")).content.decode()
    assert client.post(reverse("lockouts:lift"), {"ip": "10.0.0.66"}).status_code == 302
    client.logout()
    assert _try(client, "sara", PASSWORD, address="10.0.0.66").status_code == 302


def test_the_lockout_page_costs_a_fixed_number_of_queries_however_many_are_locked(client, org_world, make_user, grant):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_the_page(expected_locks: int) -> int:
        client.force_login(org_world["manager_a"])
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("lockouts:list")).content.decode()
        assert page.count("باز کردن قفل") == expected_locks
        client.logout()
        return len(captured)

    def lock_person(n: int) -> None:
        person = make_user(f"person{n}", password=PASSWORD)
        grant(person, "agency_staff", organization=org_world["a"])
        _lock(client, f"person{n}", address=f"10.0.1.{n}")

    lock_person(0)
    one = queries_for_the_page(1)
    for n in range(1, 6):
        lock_person(n)
    assert queries_for_the_page(6) == one
