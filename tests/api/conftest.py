"""People, organizations and HTTP helpers for the API tests (real URLs under /api/v1, real database)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from hamafza.accounts.services import api_token_create
from hamafza.persian import search_key
from hamafza.places.models import Province


@pytest.fixture
def fars(places_loaded: Any) -> Province:
    return Province.objects.get(name_key=search_key("فارس"))


@pytest.fixture
def markazi(places_loaded: Any) -> Province:
    return Province.objects.get(name_key=search_key("مرکزی"))


@pytest.fixture
def bearer() -> Callable[[Any], dict[str, str]]:
    """Headers carrying a fresh personal token of ``user``, as an outside system would send them."""

    def headers(user: Any) -> dict[str, str]:
        _, raw = api_token_create(user=user, name="سامانه آزمون")
        return {"Authorization": f"Bearer {raw}"}

    return headers


class Api:
    """A thin layer over the test client that speaks JSON to /api/v1 with one person's token."""

    def __init__(self, client: Client, headers: dict[str, str] | None = None) -> None:
        self.client = client
        self.headers = headers or {}

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self.client.get(f"/api/v1{path}", params or {}, headers=self.headers)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(
            f"/api/v1{path}", json.dumps(body), content_type="application/json", headers=self.headers
        )

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.patch(
            f"/api/v1{path}", json.dumps(body), content_type="application/json", headers=self.headers
        )


@pytest.fixture
def api_as(client: Client, bearer: Callable[[Any], dict[str, str]]) -> Callable[[Any], Api]:
    def as_(user: Any) -> Api:
        return Api(client, bearer(user) if user is not None else None)

    return as_


@pytest.fixture
def welfare(db: Any, make_org: Any, make_user: Any, grant: Any, fars: Province, markazi: Province) -> Any:
    """Two provinces' welfare offices and the people around them.

    Zahra Karimi manages the Fars welfare office (and its Shiraz office under it). She also sits, as staff, in the
    Fars governorate: she sees it but may not edit it. Markazi's office is none of her business.
    """

    class World:
        fars_office = make_org("اداره کل بهزیستی فارس", kind="provincial_office", province=fars, code="fars-behzisti")
        shiraz_office = make_org(
            "اداره بهزیستی شیراز", kind="county_office", parent=fars_office, province=fars, code="shiraz-behzisti"
        )
        fars_governorate = make_org("استانداری فارس", kind="governorate", province=fars, code="fars-ostandari")
        markazi_office = make_org(
            "اداره کل بهزیستی مرکزی", kind="provincial_office", province=markazi, code="markazi-behzisti"
        )
        manager = make_user("zkarimi", first_name="زهرا", last_name="کریمی")
        outsider = make_user("outsider", first_name="علی", last_name="رضایی")

    grant(World.manager, "agency_manager", organization=World.fars_office)
    grant(World.manager, "agency_staff", organization=World.fars_governorate)
    return World
