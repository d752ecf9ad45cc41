"""API calls are throttled per address and per person, and wrong bearer tokens are counted per address."""

from __future__ import annotations

import pytest

from hamafza.accounts.services import api_token_create

pytestmark = pytest.mark.django_db


def test_anonymous_calls_beyond_the_rate_get_429_with_a_persian_message(client, settings):
    settings.HAMAFZA_API_THROTTLE_RATES = {"anon": "3/m", "user": "100/m"}
    statuses = [client.get("/api/v1/places/provinces").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/places/provinces")
    assert "دقیقه دیگر دوباره تلاش کنید" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0
    # Another address is not affected.
    assert client.get("/api/v1/places/provinces", REMOTE_ADDR="10.1.1.1").status_code == 200


def test_a_person_beyond_their_rate_gets_429_whichever_token_they_use(client, settings, make_user):
    settings.HAMAFZA_API_THROTTLE_RATES = {"anon": "100/m", "user": "2/m"}
    person = make_user("reporter")
    tokens = [api_token_create(user=person, name=f"سامانه {n}")[1] for n in range(3)]
    statuses = [
        client.get("/api/v1/organizations/", headers={"Authorization": f"Bearer {t}"}).status_code for t in tokens
    ]
    assert statuses == [200, 200, 429]


def test_an_address_sending_wrong_tokens_is_refused_even_with_a_right_one(client, settings, make_user):
    settings.HAMAFZA_API_BAD_TOKEN_LIMIT = 5
    _, raw = api_token_create(user=make_user("reporter"), name="سامانه")
    for n in range(5):
        response = client.get("/api/v1/organizations/", headers={"Authorization": f"Bearer hmz_guess{n}"})
        assert response.status_code == 401
    refused = client.get("/api/v1/organizations/", headers={"Authorization": f"Bearer {raw}"})
    assert refused.status_code == 429
    assert "دقیقه دیگر" in refused.json()["detail"]
    other = client.get("/api/v1/organizations/", headers={"Authorization": f"Bearer {raw}"}, REMOTE_ADDR="10.2.2.2")
    assert other.status_code == 200
