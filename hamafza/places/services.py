"""Loading Iran's divisions from the CSV files shipped in the ``django-iranian-cities`` package."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources

from django.db import models, transaction

from hamafza.places.models import City, County, District, Place, Province, RuralDistrict, Village

DATA_PACKAGE = "iranian_cities.data"


@dataclass(frozen=True)
class PlaceFile:
    model: type[Place]
    filename: str
    # CSV column → model field (foreign keys by their *_id attribute).
    columns: dict[str, str]


# Parents before children, so foreign keys always point at loaded rows.
PLACE_FILES = [
    PlaceFile(Province, "province.csv", {}),
    PlaceFile(County, "county.csv", {"province": "province_id"}),
    PlaceFile(District, "district.csv", {"province": "province_id", "county": "county_id"}),
    PlaceFile(
        City,
        "city.csv",
        {"province": "province_id", "county": "county_id", "district": "district_id", "city_type": "city_type"},
    ),
    PlaceFile(
        RuralDistrict,
        "rural_district.csv",
        {"province": "province_id", "county": "county_id", "district": "district_id"},
    ),
    PlaceFile(
        Village,
        "village.csv",
        {
            "province": "province_id",
            "county": "county_id",
            "district": "district_id",
            "rural_district": "rural_district_id",
            "village_type": "village_type",
        },
    ),
]


def _rows(filename: str) -> Iterator[dict[str, str]]:
    text = resources.files(DATA_PACKAGE).joinpath(filename).read_text(encoding="utf-8-sig")
    yield from csv.DictReader(io.StringIO(text))


def _build(spec: PlaceFile, row: dict[str, str]) -> Place:
    values: dict[str, object] = {"id": int(row["id"]), "name": row["name"], "code": row.get("code") or ""}
    for column, field in spec.columns.items():
        values[field] = int(row[column]) if row[column] else 0
    place = spec.model(**values)
    place.fill_keys()
    return place


@dataclass(frozen=True)
class LoadResult:
    model: type[Place]
    created: int
    total: int


def load_places(progress: Callable[[str], None] | None = None, batch_size: int = 5000) -> list[LoadResult]:
    """Insert the divisions that are missing; rows already present are left alone, so a rerun adds nothing."""
    results = []
    for spec in PLACE_FILES:
        with transaction.atomic():
            existing = set(spec.model.objects.values_list("id", flat=True))
            fresh = [_build(spec, row) for row in _rows(spec.filename) if int(row["id"]) not in existing]
            spec.model.objects.bulk_create(fresh, batch_size=batch_size)
        total = spec.model.objects.count()
        results.append(LoadResult(spec.model, len(fresh), total))
        if progress:
            progress(f"{spec.model._meta.verbose_name_plural}: {len(fresh)} added, {total} in all")
    return results


def places_counts() -> dict[str, int]:
    models_: list[type[models.Model]] = [spec.model for spec in PLACE_FILES]
    return {model._meta.model_name or "": model.objects.count() for model in models_}
