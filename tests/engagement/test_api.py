from __future__ import annotations

import json

from hamafza.core.models import AuditEntry
from hamafza.engagement.models import EngagementRequest, Stakeholder

BASE = "/api/v1/engagement"


def test_the_api_lists_stakeholders_with_persian_search(world, client):
    client.force_login(world.staff)
    body = client.get(f"{BASE}/stakeholders/", {"q": "ياريگران"}).json()
    assert [item["name"] for item in body["items"]] == ["جمعیت یاری‌گران خانواده شیراز"]


def test_the_api_creates_a_stakeholder_refuses_a_duplicate_and_a_stale_update(world, client):
    client.force_login(world.staff)
    payload = {"name": "كانون  همياران", "registration_number": "۵۵۵", "domains": ["جوانان"]}
    response = client.post(f"{BASE}/stakeholders/", json.dumps(payload), content_type="application/json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["name"] == "کانون همیاران" and created["registration_number"] == "555"
    again = client.post(f"{BASE}/stakeholders/", json.dumps(payload), content_type="application/json")
    assert again.status_code == 400 and "همین نام" in again.json()["detail"]
    update = {**payload, "description": "نو", "version": created["version"]}
    url = f"{BASE}/stakeholders/{created['id']}"
    assert client.put(url, json.dumps(update), content_type="application/json").status_code == 200
    assert client.put(url, json.dumps(update), content_type="application/json").status_code == 409
    assert AuditEntry.objects.filter(action="engagement.stakeholder.updated").count() == 1


def test_the_api_ranks_alignment_with_explanations(world, client):
    client.force_login(world.staff)
    matches = client.get(f"{BASE}/agencies/{world.welfare.pk}/alignment").json()
    assert matches[0]["name"] == "جمعیت یاری‌گران خانواده شیراز"
    assert matches[0]["shared_domains"] == ["آسیب‌های اجتماعی"] and matches[0]["place"] == "province"
    client.force_login(world.env_staff)
    assert client.get(f"{BASE}/agencies/{world.welfare.pk}/alignment").status_code == 404


def test_the_api_sends_and_answers_a_request_with_the_same_permissions(world, client):
    client.force_login(world.rep)
    payload = {
        "organization_id": world.welfare.pk,
        "stakeholder_id": world.ngo.pk,
        "kind": "support",
        "subject": "حمایت از طرح",
        "body": "متن درخواست",
    }
    response = client.post(f"{BASE}/requests/", json.dumps(payload), content_type="application/json")
    assert response.status_code == 201
    request_id = response.json()["id"]
    foreign = {**payload, "stakeholder_id": world.other_ngo.pk}
    assert client.post(f"{BASE}/requests/", json.dumps(foreign), content_type="application/json").status_code == 404
    client.force_login(world.env_staff)
    assert client.get(f"{BASE}/requests/{request_id}").status_code == 404
    assert client.get(f"{BASE}/requests/").json()["items"] == []
    client.force_login(world.staff)
    reply = client.post(
        f"{BASE}/requests/{request_id}/messages", json.dumps({"body": "پذیرفته شد"}), content_type="application/json"
    )
    assert reply.status_code == 201 and reply.json()["status"] == "answered"
    assert EngagementRequest.objects.get(pk=request_id).messages.count() == 2
    assert Stakeholder.objects.count() == 2
