from __future__ import annotations

import pytest

from hamafza.persian import collation_key, search_key
from hamafza.places.models import City, County, District, Province, RuralDistrict, Village
from hamafza.places.services import load_places

pytestmark = pytest.mark.django_db

EXPECTED = {
    Province: 31,
    County: 448,
    District: 1099,
    City: 1554,
    RuralDistrict: 2637,
    Village: 98100,
}


def test_all_of_irans_divisions_are_loaded(places_loaded):
    assert {model: model.objects.count() for model in EXPECTED} == EXPECTED


def test_loading_again_adds_nothing(places_loaded):
    results = load_places()
    assert sum(result.created for result in results) == 0
    assert Village.objects.count() == EXPECTED[Village]


def test_provinces_are_listed_in_persian_alphabetical_order(places_loaded):
    names = list(Province.objects.values_list("name", flat=True))
    assert names == sorted(names, key=collation_key)
    assert names[0].startswith("آ")


def test_place_names_are_stored_normalized_and_searchable(places_loaded):
    province = Province.objects.get(name_key=search_key("كرمان"))  # typed with the Arabic kaf
    assert province.name == "کرمان"
    assert County.objects.filter(province=province).exists()
