"""``/api/v1/development`` as the roles: capacities, weights, ranking, key works and pledges."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from hamafza.core.work import work_for
from hamafza.development import services
from hamafza.development.models import Capacity, Pledge
from hamafza.programs.services import milestone_add, program_publish
from tests.development.conftest import login

A = "/api/v1/development"


def _json(client: Client, method: str, url: str, body: Any = None) -> Any:
    return getattr(client, method)(url, data=json.dumps(body or {}), content_type="application/json")


def test_capacities_and_weights_as_roles(dev: Any) -> None:
    governor = login(Client(), dev.governor)
    url = f"{A}/orgs/{dev.amol.pk}/capacities"
    body = {"title": "کوه دماوند", "kind": "natural", "importance": "۹", "sustainability": "۹", "long_term": "۹"}
    created = _json(governor, "post", url, body)
    assert created.status_code == 201 and created.json()["rank"] == 1
    assert _json(governor, "post", url, body).status_code == 400  # the same title again
    cyclic = _json(
        governor,
        "put",
        f"{A}/orgs/{dev.amol.pk}/weights",
        {"matrix": [["1", "3", "۱/۳"], ["1/3", "1", "3"], ["3", "1/3", "1"]]},
    )
    assert cyclic.status_code == 400 and "۱٫۱۴۹۴" in cyclic.json()["detail"]
    saaty = _json(
        governor,
        "put",
        f"{A}/orgs/{dev.amol.pk}/weights",
        {"matrix": [["1", "3", "5"], ["1/3", "1", "3"], ["1/5", "1/3", "1"]]},
    )
    assert saaty.status_code == 200
    assert saaty.json()["weights"] == pytest.approx([0.6370, 0.2583, 0.1047], abs=5e-4)
    listing = governor.get(url).json()
    assert listing["consistency_ratio"] == pytest.approx(0.0332, abs=5e-4)
    assert [c["title"] for c in listing["capacities"]] == ["کوه دماوند"]
    assert login(Client(), dev.citizen).get(url).status_code == 404
    assert _json(login(Client(), dev.foreign_governor), "post", url, body | {"title": "دیگر"}).status_code == 404
    assert Client().get(url).status_code == 401
    assert Capacity.objects.count() == 1
    capacity_id = created.json()["id"]
    update = body | {"title": "کوه دماوند و لاریجان", "version": 1}
    assert _json(governor, "put", f"{A}/capacities/{capacity_id}", update).status_code == 200
    assert _json(governor, "put", f"{A}/capacities/{capacity_id}", update).status_code == 409
    assert _json(login(Client(), dev.citizen), "put", f"{A}/capacities/{capacity_id}", update).status_code == 404


def test_ranking_is_public_read_only_and_deprived_first(dev: Any) -> None:
    indicator = services.indicator_create(owner=dev.governorate, title="باسوادی", by=None)
    services.indicator_values_set(
        indicator=indicator, values={dev.counties["ساری"].pk: 92.0, dev.counties["گلوگاه"].pk: 86.0}, by=None
    )
    response = Client().get(f"{A}/orgs/{dev.governorate.pk}/ranking")
    assert response.status_code == 200
    assert [a["name"] for a in response.json()["areas"]] == ["گلوگاه", "ساری"]
    assert Client().get(f"{A}/orgs/{dev.foreign.pk}/ranking").status_code == 404
    indicators = login(Client(), dev.staff).get(f"{A}/orgs/{dev.governorate.pk}/indicators").json()
    assert indicators[0]["values"] == {str(dev.counties["ساری"].pk): 92.0, str(dev.counties["گلوگاه"].pk): 86.0}
    assert login(Client(), dev.foreign_governor).get(f"{A}/orgs/{dev.governorate.pk}/indicators").status_code == 404


def test_key_works_and_pledges_as_roles(dev: Any) -> None:
    key_work = services.key_work_create(
        owner=dev.amol, title="پسماند صفر", goals="تفکیک", challenge="waste", jalali_year=1405, by=None
    )
    program = key_work.program
    assert Client().get(f"{A}/key-works/{key_work.pk}").status_code == 404
    assert login(Client(), dev.governor).get(f"{A}/key-works/{key_work.pk}").json()["challenge_label"] == "پسماند"
    assert Client().get(f"{A}/key-works/").json()["items"] == []
    program_publish(program=program, by=None)
    assert [k["title"] for k in Client().get(f"{A}/key-works/").json()["items"]] == ["پسماند صفر"]

    citizen = login(Client(), dev.citizen)
    pledge = _json(
        citizen,
        "post",
        f"{A}/programs/{program.pk}/pledges",
        {"pledger_kind": "investor", "kind": "money", "amount": "۲۰۰۰۰۰۰۰"},
    )
    assert pledge.status_code == 201 and pledge.json()["status"] == "pledged"
    pledge_id = pledge.json()["id"]
    assert _json(citizen, "post", f"{A}/pledges/{pledge_id}/advance", {"to": "confirmed"}).status_code == 404
    assert (
        _json(
            login(Client(), dev.foreign_governor), "post", f"{A}/pledges/{pledge_id}/advance", {"to": "confirmed"}
        ).status_code
        == 404
    )
    staff = login(Client(), dev.staff)
    assert [p["id"] for p in staff.get(f"{A}/pledges/?status=pledged").json()["items"]] == [pledge_id]
    assert citizen.get(f"{A}/pledges/").json()["items"] == []
    confirmed = _json(staff, "post", f"{A}/pledges/{pledge_id}/advance", {"to": "confirmed", "version": 1})
    assert confirmed.status_code == 200 and confirmed.json()["status_label"] == "تأییدشده"
    assert (
        _json(staff, "post", f"{A}/pledges/{pledge_id}/advance", {"to": "delivered", "version": 1}).status_code == 409
    )
    assert _json(staff, "post", f"{A}/pledges/{pledge_id}/advance", {"to": "pledged"}).status_code == 400
    totals = Client().get(f"{A}/programs/{program.pk}/pledges/totals").json()
    assert totals["money"] == {"confirmed": 20_000_000}
    assert Pledge.objects.get().status == "confirmed"


def test_role_homes_show_late_key_works_to_the_governor_and_pledges_to_staff(dev: Any) -> None:
    import datetime as dt

    key_work = services.key_work_create(
        owner=dev.amol, title="اشتغال روستایی", goals="گردشگری", challenge="employment", jalali_year=1405, by=None
    )
    milestone_add(program=key_work.program, title="نیازسنجی", due_date=dt.date.today() - dt.timedelta(days=3), by=None)
    program_publish(program=key_work.program, by=None)
    services.pledge_create(
        program=key_work.program, by=dev.citizen, pledger_kind="citizen", kind="design", description="طرح"
    )
    governor_items = {item.label: item.count for item in work_for(dev.governor)}
    assert governor_items["کار شاخص با نقطه عطف عقب‌افتاده"] == 1
    staff_items = {item.label: item.count for item in work_for(dev.staff)}
    assert staff_items["تعهد مشارکت در انتظار تأیید"] == 1
    assert "تعهد مشارکت در انتظار تأیید" not in {item.label for item in work_for(dev.foreign_governor)}
