from __future__ import annotations

import json

import pytest
from django.test import Client

from hamafza.accounts.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db

PASSWORD = "s3cret-pass-1403"
CSRF_TOKEN = "k" * 32


def test_a_personal_token_opens_the_api_as_its_owner(client, welfare):
    token, raw = api_token_create(user=welfare.manager, name="سامانه استان")
    response = client.get("/api/v1/organizations/", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert "اداره کل بهزیستی فارس" in [row["name"] for row in response.json()["items"]]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_token_use_is_written_once_a_minute_not_on_every_request(client, welfare):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    token, raw = api_token_create(user=welfare.manager, name="سامانه پرکار")
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/organizations/", headers=headers).status_code == 200
    token.refresh_from_db()
    first_use = token.last_used_at
    with CaptureQueriesContext(connection) as second:
        assert client.get("/api/v1/organizations/", headers=headers).status_code == 200
    assert not [q for q in second.captured_queries if q["sql"].startswith("UPDATE")]
    token.refresh_from_db()
    assert token.last_used_at == first_use


@pytest.mark.parametrize(
    "authorization",
    ["Bearer hmz_not-a-real-token", "Bearer ", "Token hmz_whatever", ""],
)
def test_a_wrong_or_missing_token_is_401_with_a_persian_message(client, welfare, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = client.get("/api/v1/organizations/", headers=headers)
    assert response.status_code == 401
    assert "توکن معتبر" in response.json()["detail"]


def test_a_revoked_token_no_longer_opens_the_api(client, welfare):
    token, raw = api_token_create(user=welfare.manager, name="سامانه قدیمی")
    api_token_revoke(token=token, by=welfare.manager)
    response = client.get("/api/v1/organizations/", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401


def test_a_wrong_token_on_a_write_is_401_not_a_csrf_error(welfare):
    client = Client(enforce_csrf_checks=True)
    response = client.patch(
        f"/api/v1/organizations/{welfare.fars_office.pk}",
        json.dumps({"version": 1, "name": "ربوده"}),
        content_type="application/json",
        headers={"Authorization": "Bearer hmz_not-a-real-token"},
    )
    assert response.status_code == 401


def test_a_logged_in_browser_reads_the_api_with_its_session(client, welfare):
    assert client.login(username="zkarimi", password=PASSWORD)
    response = client.get(f"/api/v1/organizations/{welfare.fars_office.pk}")
    assert response.status_code == 200
    assert response.json()["name"] == "اداره کل بهزیستی فارس"


def test_a_session_write_without_the_csrf_token_is_refused_in_persian(welfare):
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="zkarimi", password=PASSWORD)
    response = client.patch(
        f"/api/v1/organizations/{welfare.fars_office.pk}",
        json.dumps({"version": 1, "name": "نام تازه"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    welfare.fars_office.refresh_from_db()
    assert welfare.fars_office.name == "اداره کل بهزیستی فارس"


def test_a_session_write_with_the_csrf_token_goes_through(welfare):
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="zkarimi", password=PASSWORD)
    client.cookies["csrftoken"] = CSRF_TOKEN
    response = client.patch(
        f"/api/v1/organizations/{welfare.fars_office.pk}",
        json.dumps({"version": 1, "name": "نام تازه"}),
        content_type="application/json",
        headers={"X-CSRFToken": CSRF_TOKEN},
    )
    assert response.status_code == 200
    assert response.json()["name"] == "نام تازه"


def test_a_token_write_needs_no_csrf_token(welfare, bearer):
    client = Client(enforce_csrf_checks=True)
    response = client.patch(
        f"/api/v1/organizations/{welfare.fars_office.pk}",
        json.dumps({"version": 1, "mission": "توانمندسازی"}),
        content_type="application/json",
        headers=bearer(welfare.manager),
    )
    assert response.status_code == 200
