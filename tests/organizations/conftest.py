from __future__ import annotations

from typing import Any

import pytest

from hamafza.persian import search_key
from hamafza.places.models import Province


@pytest.fixture
def fars(places_loaded: Any) -> Province:
    return Province.objects.get(name_key=search_key("فارس"))


@pytest.fixture
def markazi(places_loaded: Any) -> Province:
    return Province.objects.get(name_key=search_key("مرکزی"))


@pytest.fixture
def two_provinces(db: Any, make_org: Any, make_user: Any, grant: Any, fars: Province, markazi: Province) -> Any:
    """A Fars office with its manager, and a Markazi office the Fars manager has nothing to do with."""

    class World:
        fars_office = make_org("اداره کل بهزیستی فارس", kind="provincial_office", province=fars)
        fars_unit = make_org("اداره بهزیستی شیراز", kind="county_office", parent=fars_office, province=fars)
        markazi_office = make_org("اداره کل بهزیستی مرکزی", kind="provincial_office", province=markazi)
        manager = make_user("manager", first_name="زهرا", last_name="کریمی")
        outsider = make_user("outsider")

    grant(World.manager, "agency_manager", organization=World.fars_office)
    return World


# The audit page's sentences are tried on a real evaluation round; reuse evaluation's world.
from tests.evaluation.conftest import office_world, open_round  # noqa: E402, F401
