"""``/api/v1/places``: Iran's divisions, for pickers and for other systems.

Places are public reference data (the official divisions, the same for everyone), so these endpoints set
``auth=None``: a citizen's form on the public site may fill its province and county pickers without logging in,
and nothing here depends on who asks. Every list is in Persian alphabetical order and costs a fixed number of
queries: one for the list, plus one to tell a missing parent (404) from a parent with no children.
"""

from __future__ import annotations

from django.db.models import Model
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from hamafza.core.api_schemas import ErrorOut
from hamafza.core.errors import NotFound
from hamafza.places import selectors
from hamafza.places.models import City, County, District, Province

router = Router(tags=["places"])


class PlaceOut(Schema):
    id: int
    name: str
    code: str


class PlaceHitOut(Schema):
    kind: str = Field(..., description="province, county or city")
    kind_label: str
    id: int
    name: str
    province_id: int | None
    province_name: str | None
    county_id: int | None
    county_name: str | None


def _require(model: type[Model], pk: int, message: str) -> None:
    if not model._default_manager.filter(pk=pk).exists():
        raise NotFound(message)


@router.get("/provinces", response=list[PlaceOut], auth=None, summary="استان‌ها")
def province_list(request: HttpRequest) -> list[Province]:
    return list(selectors.province_list())


@router.get(
    "/provinces/{province_id}/counties",
    response={200: list[PlaceOut], 404: ErrorOut},
    auth=None,
    summary="شهرستان‌های یک استان",
)
def county_list(request: HttpRequest, province_id: int) -> list[County]:
    _require(Province, province_id, "استانی با این شناسه پیدا نشد.")
    return list(selectors.county_list(province_id=province_id))


@router.get(
    "/counties/{county_id}/districts",
    response={200: list[PlaceOut], 404: ErrorOut},
    auth=None,
    summary="بخش‌های یک شهرستان",
)
def district_list(request: HttpRequest, county_id: int) -> list[District]:
    _require(County, county_id, "شهرستانی با این شناسه پیدا نشد.")
    return list(selectors.district_list(county_id=county_id))


@router.get(
    "/districts/{district_id}/cities",
    response={200: list[PlaceOut], 404: ErrorOut},
    auth=None,
    summary="شهرهای یک بخش",
)
def city_list(request: HttpRequest, district_id: int) -> list[City]:
    _require(District, district_id, "بخشی با این شناسه پیدا نشد.")
    return list(selectors.city_list(district_id=district_id))


@router.get("/search", response=list[PlaceHitOut], auth=None, summary="جست‌وجوی استان، شهرستان و شهر")
def place_search(
    request: HttpRequest, q: str = Query(..., min_length=1, max_length=100, description="بخشی از نام")
) -> list[selectors.PlaceHit]:
    return selectors.place_search(q=q)
