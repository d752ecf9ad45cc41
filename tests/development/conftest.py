from __future__ import annotations

from typing import Any

import pytest

from hamafza.persian import search_key


@pytest.fixture
def dev(places_loaded: Any, db: Any, make_org: Any, make_user: Any, grant: Any) -> Any:
    """Mazandaran's governorate (governor and staff), Amol's county governorate under it, and Fars's governorate
    with its own governor (foreign to everything of Mazandaran); a citizen."""
    from hamafza.places.models import County, Province

    mazandaran = Province.objects.get(name_key=search_key("مازندران"))
    fars = Province.objects.get(name_key=search_key("فارس"))
    amol_county = County.objects.get(province=mazandaran, name_key=search_key("آمل"))

    class World:
        province = mazandaran
        governorate = make_org("استانداری مازندران", kind="governorate", province=mazandaran)
        amol = make_org(
            "فرمانداری آمل", kind="county_governorate", parent=governorate, province=mazandaran, county=amol_county
        )
        foreign = make_org("استانداری فارس", kind="governorate", province=fars)
        governor = make_user("governor1", first_name="مهدی", last_name="جعفری")
        staff = make_user("staff1", first_name="سارا", last_name="احمدی")
        citizen = make_user("citizen1", first_name="مریم", last_name="کاظمی")
        foreign_governor = make_user("governor2", first_name="رضا", last_name="موسوی")
        counties = {c.name: c for c in County.objects.filter(province=mazandaran)}

    grant(World.governor, "governor", organization=World.governorate)
    grant(World.staff, "agency_staff", organization=World.governorate)
    grant(World.citizen, "citizen")
    grant(World.foreign_governor, "governor", organization=World.foreign)
    return World


def login(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client
