from __future__ import annotations

import pytest

from hamafza.persian import collation_key, search_key
from hamafza.places.models import City, County, District, Province

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [row["name"] for row in response.json()]


def test_anyone_gets_all_31_provinces_in_persian_order_in_one_query(client, places_loaded, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/api/v1/places/provinces")
    assert response.status_code == 200
    provinces = names(response)
    assert len(provinces) == 31
    assert provinces == sorted(provinces, key=collation_key)
    assert provinces[0].startswith("آ")
    assert set(response.json()[0]) == {"id", "name", "code"}


def test_a_bad_token_does_not_lock_anyone_out_of_public_places(client, places_loaded):
    response = client.get("/api/v1/places/provinces", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 200


def test_counties_of_fars_are_its_own_in_persian_order(client, places_loaded, django_assert_num_queries):
    fars = Province.objects.get(name_key=search_key("فارس"))
    with django_assert_num_queries(2):
        response = client.get(f"/api/v1/places/provinces/{fars.pk}/counties")
    assert response.status_code == 200
    counties = names(response)
    assert "شیراز" in counties
    assert counties == sorted(counties, key=collation_key)
    assert len(counties) == County.objects.filter(province=fars).count()


def test_districts_and_cities_follow_the_tree_down_from_shiraz(client, places_loaded):
    shiraz = County.objects.get(name_key=search_key("شیراز"))
    response = client.get(f"/api/v1/places/counties/{shiraz.pk}/districts")
    assert response.status_code == 200
    districts = names(response)
    assert districts == sorted(districts, key=collation_key)
    assert len(districts) == District.objects.filter(county=shiraz).count() > 0

    central = District.objects.get(county=shiraz, name_key=search_key("مرکزی"))
    response = client.get(f"/api/v1/places/districts/{central.pk}/cities")
    assert response.status_code == 200
    assert "شیراز" in names(response)
    assert len(names(response)) == City.objects.filter(district=central).count()


@pytest.mark.parametrize(
    "path",
    ["/places/provinces/999999/counties", "/places/counties/999999/districts", "/places/districts/999999/cities"],
)
def test_children_of_a_missing_place_are_404_with_a_persian_message(client, places_loaded, path):
    response = client.get(f"/api/v1{path}")
    assert response.status_code == 404
    assert "پیدا نشد" in response.json()["detail"]


def test_search_finds_shiraz_typed_with_arabic_letters_and_names_its_parents(client, places_loaded):
    response = client.get("/api/v1/places/search", {"q": "شيراز"})  # Arabic yeh
    assert response.status_code == 200
    hits = response.json()
    city = next(hit for hit in hits if hit["kind"] == "city" and hit["name"] == "شیراز")
    assert city["kind_label"] == "شهر"
    assert city["county_name"] == "شیراز"
    assert city["province_name"] == "فارس"
    county = next(hit for hit in hits if hit["kind"] == "county" and hit["name"] == "شیراز")
    assert county["province_name"] == "فارس"
    assert county["county_name"] is None


def test_search_puts_the_exact_name_first_and_the_province_before_its_namesakes(client, places_loaded):
    hits = client.get("/api/v1/places/search", {"q": "تهران"}).json()
    assert [(hit["kind"], hit["name"]) for hit in hits[:3]] == [
        ("province", "تهران"),
        ("county", "تهران"),
        ("city", "تهران"),
    ]


def test_search_returns_at_most_20_hits_in_three_queries(client, places_loaded, django_assert_num_queries):
    with django_assert_num_queries(3):
        response = client.get("/api/v1/places/search", {"q": "آباد"})
    hits = response.json()
    assert len(hits) == 20
    assert all("آباد" in hit["name"] for hit in hits)


def test_search_needs_a_query(client, places_loaded):
    assert client.get("/api/v1/places/search").status_code == 422
    assert client.get("/api/v1/places/search", {"q": "؟!"}).json() == []
