"""Reads of Iran's divisions. Every list is in Persian alphabetical order (``sort_key``), never the database's."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When

from hamafza.persian import search_key
from hamafza.places.models import City, County, District, Place, Province

SEARCH_LIMIT = 20


def province_list() -> QuerySet[Province]:
    return Province.objects.order_by("sort_key", "id")


def county_list(*, province_id: int) -> QuerySet[County]:
    return County.objects.filter(province_id=province_id).order_by("sort_key", "id")


def district_list(*, county_id: int) -> QuerySet[District]:
    return District.objects.filter(county_id=county_id).order_by("sort_key", "id")


def city_list(*, district_id: int) -> QuerySet[City]:
    return City.objects.filter(district_id=district_id).order_by("sort_key", "id")


@dataclass(frozen=True)
class PlaceHit:
    kind: str
    kind_label: str
    id: int
    name: str
    province_id: int | None
    province_name: str | None
    county_id: int | None
    county_name: str | None
    # 0: the whole name matched, 1: the name starts with the query, 2: the query is inside the name.
    rank: int


def _ranked(qs: QuerySet[Place], key: str) -> QuerySet[Place]:
    return (
        qs.filter(name_key__contains=key)
        .annotate(
            rank=Case(
                When(name_key=key, then=Value(0)),
                When(name_key__startswith=key, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "sort_key", "id")
    )


KIND_LABELS = {"province": "استان", "county": "شهرستان", "city": "شهر"}


def _hit(kind: str, place: Place) -> PlaceHit:
    province: Province | None = getattr(place, "province", None)
    county: County | None = getattr(place, "county", None)
    return PlaceHit(
        kind=kind,
        kind_label=KIND_LABELS[kind],
        id=place.pk,
        name=place.name,
        province_id=province.pk if province else None,
        province_name=province.name if province else None,
        county_id=county.pk if county else None,
        county_name=county.name if county else None,
        rank=place.rank,  # type: ignore[attr-defined]
    )


def place_search(*, q: str, limit: int = SEARCH_LIMIT) -> list[PlaceHit]:
    """Provinces, counties and cities whose name contains ``q``, best matches first; three queries at most.

    Someone typing "شیراز" wants the city and the county named Shiraz before "شیرازکوه"; so hits are ranked
    exact → starts with → contains, and within a rank the larger division comes first, then Persian order.
    Villages are left out: 98k names would drown every city, and they have their own lookup by rural district.
    """
    key = search_key(q)
    if not key:
        return []
    hits = [_hit("province", place) for place in _ranked(Province.objects.all(), key)[:limit]]
    hits += [_hit("county", place) for place in _ranked(County.objects.select_related("province"), key)[:limit]]
    hits += [_hit("city", place) for place in _ranked(City.objects.select_related("province", "county"), key)[:limit]]
    # sorted() is stable: within one rank, provinces stay before counties before cities.
    return sorted(hits, key=lambda hit: hit.rank)[:limit]
