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
        "axis_code": axis,
        "axis_title": f"محور {axis}",
        "axis_weight": extra.pop("axis_weight", 0.5),
        "indicator_code": indicator,
        "indicator_title": f"شاخص {indicator}",
        "indicator_weight": extra.pop("indicator_weight", 1),
        "code": code,
        "title": f"پرسش {code}",
        "type": item_type,
        "weight": weight,
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


@pytest.fixture
def open_round(office_world: Any) -> Any:
    """A framework of two axes and a round in self-assessment for both districts, one inspector each."""
    from hamafza.evaluation.framework_io import parse_framework_xlsx
    from hamafza.evaluation.models import RoundState
    from hamafza.evaluation.services.frameworks import framework_version_create
    from hamafza.evaluation.services.rounds import assignment_create, round_add_units, round_advance, round_create

    world = office_world
    axes = parse_framework_xlsx(
        xlsx(
            [
                row("A", "A1", "has_plan", "بله / خیر", 1, axis_weight=0.6),
                row("A", "A1", "sessions", "عدد", 1, axis_weight=0.6, standard=12),
                row("B", "B1", "complaints", "عدد", 1, axis_weight=0.4, direction="کمتر بهتر", standard=10),
            ]
        )
    )
    version = framework_version_create(
        by=world.evaluator, owner=world.municipality, code="social", title="اجتماعی", axes=axes
    )
    round_ = round_create(
        by=world.evaluator, office=world.municipality, framework_version=version, code="r1", title="دوره اول"
    )
    unit1, unit2 = round_add_units(round_=round_, units=[world.district1, world.district2], by=world.evaluator)
    if unit1.unit_id != world.district1.pk:
        unit1, unit2 = unit2, unit1
    assignment_create(round_unit=unit1, inspector=world.inspector_a, by=world.evaluator)
    assignment_create(round_unit=unit2, inspector=world.inspector_b, by=world.evaluator)
    round_ = round_advance(round_=round_, to=RoundState.SELF_ASSESSMENT, by=world.evaluator)
    world.round = round_
    world.unit1, world.unit2 = unit1, unit2
    world.items = {item.code: item for item in version.items.all()}
    return world
