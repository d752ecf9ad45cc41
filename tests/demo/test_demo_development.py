"""The development demo: built once, the most deprived county first, Amol's AHP-weighted talent core."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from hamafza.demo.development import AMOL_CAPACITIES, COUNTY_VALUES, MOST_DEPRIVED
from hamafza.development.models import Capacity, Experience, Indicator, IndicatorValue, KeyWork, Pledge
from hamafza.development.selectors import capacity_ranking, development_ranking
from hamafza.organizations.models import Organization

pytestmark = [pytest.mark.django_db, pytest.mark.full_demo]


def counts() -> dict[str, int]:
    return {
        "capacities": Capacity.objects.count(),
        "indicators": Indicator.objects.count(),
        "values": IndicatorValue.objects.count(),
        "key works": KeyWork.objects.count(),
        "pledges": Pledge.objects.count(),
        "experiences": Experience.objects.count(),
    }


def test_demo_development_is_idempotent_and_ranks_the_most_deprived_first(run_demo: Callable[[], str]) -> None:
    run_demo()
    first = counts()
    assert first["capacities"] == len(AMOL_CAPACITIES)
    assert first["values"] == 5 * len(COUNTY_VALUES)
    assert first["key works"] == 3 and first["experiences"] == 2 and first["pledges"] == 4
    run_demo()
    assert counts() == first

    mazandaran = Organization.objects.get(code="mazandaran-governorate")
    ranking = development_ranking(mazandaran)
    assert len(ranking.areas) == len(COUNTY_VALUES)
    assert ranking.areas[0].name == MOST_DEPRIVED
    assert ranking.areas[0].klass == 0
    assert ranking.areas[-1].name == "ساری"

    ranked, weights = capacity_ranking(Organization.objects.get(code="amol-governorate"))
    assert weights.weights == pytest.approx([0.6370, 0.2583, 0.1047], abs=5e-4)
    assert ranked[0].capacity.title == "کوه دماوند و مسیرهای کوهنوردی لاریجان"

    # A visitor opens the public ranking: the table and the chart's data list the most deprived first.
    response = Client().get(f"/development/orgs/{mazandaran.pk}/ranking/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="development-chart"' in body and "development-ranking.js" in body
    assert body.index(MOST_DEPRIVED) < body.index("ساری")
    assert f'"labels": ["{MOST_DEPRIVED}"' in body.replace("\\u0633\\u0648", "سو") or MOST_DEPRIVED in body
