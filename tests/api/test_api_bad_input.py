"""Input an attacker or a broken client sends gets a 4xx with a Persian sentence, never a 500."""

from __future__ import annotations

import json
import re

import pytest

from hamafza.api import StrictJSONRenderer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["99999999999999999999", str(2**63), "1000001", "0", "-1"])
def test_a_page_number_beyond_any_list_is_a_422_not_a_500(api_as, welfare, page):
    response = api_as(welfare.manager).get("/organizations/", {"page": page})
    assert response.status_code == 422
    assert response.json()["detail"]


def test_a_children_page_beyond_64_bits_is_a_422(api_as, welfare):
    response = api_as(welfare.manager).get(f"/organizations/{welfare.fars_office.pk}/children", {"page": 2**64})
    assert response.status_code == 422


def test_a_far_page_within_the_bound_is_an_empty_page(api_as, welfare):
    response = api_as(welfare.manager).get("/organizations/", {"page": 1_000_000, "page_size": 1000})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_a_nul_in_a_search_query_is_refused_with_a_persian_message(api_as, welfare):
    response = api_as(welfare.manager).get("/organizations/", {"q": "بهز\x00یستی"})
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_a_nul_in_a_public_place_search_is_refused(client):
    response = client.get("/api/v1/places/search", {"q": "\x00"})
    assert response.status_code == 400


def test_a_nul_in_a_json_body_is_refused_and_nothing_changes(api_as, welfare):
    response = api_as(welfare.manager).patch(
        f"/organizations/{welfare.fars_office.pk}", {"name": "اداره\x00 کل", "version": welfare.fars_office.version}
    )
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    welfare.fars_office.refresh_from_db()
    assert welfare.fars_office.name == "اداره کل بهزیستی فارس"


def test_a_body_that_is_not_json_gets_a_persian_400(client, welfare, bearer):
    response = client.patch(
        f"/api/v1/organizations/{welfare.fars_office.pk}",
        "{not json",
        content_type="application/json",
        headers=bearer(welfare.manager),
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "بدنه درخواست JSON معتبر نیست."}


def test_a_too_long_field_names_the_field_and_the_limit_in_persian(api_as, welfare):
    response = api_as(welfare.manager).get("/organizations/", {"q": "ا" * 201})
    assert response.status_code == 422
    assert response.json()["detail"] == "«q» بلندتر از اندازه مجاز است: حداکثر ۲۰۰ نویسه."


def test_the_api_never_writes_nan_or_infinity_which_are_not_json():
    body = StrictJSONRenderer().render(None, {"weight": float("nan"), "rows": [float("inf"), 1.5]}, response_status=200)
    assert json.loads(body, parse_constant=lambda name: pytest.fail(f"{name} in JSON")) == {
        "weight": None,
        "rows": [None, 1.5],
    }


def test_a_path_no_operation_matches_is_a_json_404_not_the_html_page(client):
    # A line break in a path segment (Schemathesis sent «/roundtables/y\n£…/members») must not slip past the
    # catch-all: ``.`` stops at a newline.
    for path in (
        "/api/v1/nothing-here",
        "/api/v1/places/x/y/z",
        "/api/v1/roundtables/y%0A%C2%A3/members",
        "/api/v1/a%0A",
    ):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert response.json() == {"detail": "پیدا نشد."}


def test_a_get_missing_its_final_slash_is_still_redirected(client):
    response = client.get("/api/v1/organizations")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/organizations/"


def _integer_query_parameters(operation: dict) -> list[str]:
    names = []
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        types = {schema.get("type")} | {option.get("type") for option in schema.get("anyOf", [])}
        if parameter["in"] == "query" and "integer" in types:
            names.append(parameter["name"])
    return names


def test_every_integer_query_parameter_beyond_64_bits_is_refused_not_a_500(client, welfare, bearer):
    # Read from the live document, so a list another app adds later is probed too (page, offset, limit, ids).
    schema = client.get("/api/v1/openapi.json").json()
    headers = bearer(welfare.manager)
    probed = 0
    for path, methods in schema["paths"].items():
        operation = methods.get("get")
        names = _integer_query_parameters(operation) if operation else []
        if not names:
            continue
        url = re.sub(r"\{[^}]+\}", str(welfare.fars_office.pk), path)
        for name in names:
            response = client.get(url, {name: str(2**64)}, headers=headers)
            assert response.status_code < 500, f"GET {path}?{name}=2**64 answered {response.status_code}"
            assert response["Content-Type"].startswith("application/json")
            probed += 1
    assert probed >= 3


def test_half_a_surrogate_pair_in_a_json_body_is_refused_not_sent_to_the_database(client, welfare, bearer):
    response = client.patch(
        f"/api/v1/organizations/{welfare.fars_office.pk}",
        '{"name": "\\ud800 \\u0627\\u062f\\u0627\\u0631\\u0647", "version": 1}',
        content_type="application/json",
        headers=bearer(welfare.manager),
    )
    assert response.status_code == 400
    welfare.fars_office.refresh_from_db()
    assert welfare.fars_office.name == "اداره کل بهزیستی فارس"


def test_a_post_to_an_unmatched_api_path_from_a_browser_session_is_a_json_404(welfare):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(welfare.manager)
    response = browser.post("/api/v1/nothing-here/read")
    assert response.status_code == 404
    assert response.json() == {"detail": "پیدا نشد."}


def test_an_integer_beyond_64_bits_anywhere_in_a_body_is_refused(api_as, welfare):
    response = api_as(welfare.manager).post(
        "/organizations/", {"code": "x-1", "name": "واحد", "kind": "agency", "province_id": 2**64}
    )
    assert response.status_code == 400
