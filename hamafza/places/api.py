"""Places are public reference data (Iran's official divisions), so these endpoints need no login."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from hamafza.places.models import County, Province

router = Router(tags=["places"])


class PlaceOut(Schema):
    id: int
    name: str
    code: str


@router.get("/provinces", response=list[PlaceOut], auth=None)
def provinces(request: HttpRequest) -> list[Province]:
    return list(Province.objects.order_by("sort_key"))


@router.get("/provinces/{province_id}/counties", response=list[PlaceOut], auth=None)
def counties(request: HttpRequest, province_id: int) -> list[County]:
    province = get_object_or_404(Province, pk=province_id)
    return list(County.objects.filter(province=province).order_by("sort_key"))
