from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook

from hamafza.evaluation.framework_io import COLUMNS

HEADERS = [label for _, label in COLUMNS]


def xlsx(rows: list[list[Any]], headers: list[str] | None = None) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers or HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def row(axis: str, indicator: str, code: str, item_type: str = "بله / خیر", weight: Any = 1, **extra: Any) -> list[Any]:
    values = {
        "axis_code": axis, "axis_title": f"محور {axis}", "axis_weight": extra.pop("axis_weight", 0.5),
        "indicator_code": indicator, "indicator_title": f"شاخص {indicator}",
        "indicator_weight": extra.pop("indicator_weight", 1),
        "code": code, "title": f"پرسش {code}", "type": item_type, "weight": weight,
    }
    values.update(extra)
    return [values.get(key, "") for key, _ in COLUMNS]


@pytest.fixture
def office_world(db: Any, make_org: Any, make_user: Any, grant: Any, places_loaded: Any) -> Any:
    """Tehran municipality's evaluation office, two districts, their managers and two inspectors."""
    from hamafza.persian import search_key
    from hamafza.places.models import Province

    tehran = Province.objects.get(name_key=search_key("تهران"))

    class World:
        municipality = make_org("شهرداری تهران", kind="municipality", province=tehran)
        office = make_org("دفتر ارزیابی عملکرد", kind="agency", parent=municipality, province=tehran)
        district1 = make_org("منطقه ۱", kind="municipal_district", parent=municipality, province=tehran)
        district2 = make_org("منطقه ۲", kind="municipal_district", parent=municipality, province=tehran)
        evaluator = make_user("evaluator")
        manager1 = make_user("manager1")
        manager2 = make_user("manager2")
        inspector_a = make_user("inspector_a")
        inspector_b = make_user("inspector_b")

    grant(World.evaluator, "evaluation_office", organization=World.municipality)
    grant(World.manager1, "agency_manager", organization=World.district1)
    grant(World.manager2, "agency_manager", organization=World.district2)
    grant(World.inspector_a, "inspector", organization=World.municipality)
    grant(World.inspector_b, "inspector", organization=World.municipality)
    return World
