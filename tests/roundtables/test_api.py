"""``/api/v1/roundtables`` as the roles see it: results only after closing, drafts for members, 404 for others."""

from __future__ import annotations

from hamafza.analytics import voting
from hamafza.roundtables import services
from tests.roundtables.conftest import fresh
from tests.roundtables.test_views import client_for


def test_election_result_is_null_until_closing_and_ballots_return_a_receipt(amol, open_election):
    url = f"/api/v1/roundtables/elections/{open_election.pk}"
    candidates = client_for(amol.elite[0]).get(url).json()["candidates"]
    ids = [c["id"] for c in candidates]
    receipts = []
    for user in amol.elite[:5]:
        response = client_for(user).post(
            url + "/ballots", {"ranking": [ids[2], ids[0]]}, content_type="application/json"
        )
        assert response.status_code == 201
        receipts.append(response.json()["receipt"])
    again = client_for(amol.elite[0]).post(url + "/ballots", {"ranking": ids}, content_type="application/json")
    assert again.status_code == 400 and "پیش‌تر" in again.json()["detail"]
    refused = client_for(amol.ordinary).post(url + "/ballots", {"ranking": ids}, content_type="application/json")
    assert refused.status_code == 403
    during = client_for(amol.elite[0]).get(url).json()
    assert during["result"] is None and during["winner"] is None and during["ballots_cast"] == 5
    assert client_for(amol.elite[0]).post(url + "/close").status_code == 404
    closed = client_for(amol.governor).post(url + "/close").json()
    assert closed["winner"] == candidates[2]["label"] and closed["result"]["pairwise"]
    election = open_election.__class__.objects.get(pk=open_election.pk)
    names, ballots = services.parse_ballots_csv(services.ballots_csv(election))
    assert voting.schulze(ballots, names).winner == closed["winner"]
    assert set(receipts) <= {line.split(",")[0] for line in services.ballots_csv(election).splitlines()}


def test_tables_and_problems_for_members_public_and_foreigners(amol):
    problem = services.problem_create(table=amol.table, title="مسئله", description="شرح", by=amol.governor)
    table_url = f"/api/v1/roundtables/{amol.table.pk}"
    assert client_for(amol.elite[0]).get(table_url).status_code == 200
    assert client_for().get(table_url).status_code == 404
    assert client_for(amol.babol_governor).get(table_url).status_code == 404
    assert client_for(amol.elite[0]).get(f"/api/v1/roundtables/problems/{problem.pk}").status_code == 200
    assert client_for().get(f"/api/v1/roundtables/problems/{problem.pk}").status_code == 404
    created = client_for(amol.elite[1]).post(
        table_url + "/problems", {"title": "  مسئله  تازه ", "description": "شرح"}, content_type="application/json"
    )
    assert created.status_code == 201 and created.json()["title"] == "مسئله تازه"
    assert (
        client_for(amol.citizen)
        .post(table_url + "/problems", {"title": "ت", "description": "ش"}, content_type="application/json")
        .status_code
        == 404
    )
    solution = services.solution_add(problem=problem, title="راهکار", by=amol.governor)
    scored = client_for(amol.elite[2]).post(
        f"/api/v1/roundtables/solutions/{solution.pk}/scores", {"score": 4}, content_type="application/json"
    )
    assert scored.status_code == 200 and scored.json()["average_score"] == 4.0
    services.table_publish(table=amol.table, by=amol.governor)
    services.problem_publish(problem=problem, by=amol.governor)
    public = client_for().get(f"/api/v1/roundtables/{amol.table.pk}/problems").json()
    assert [p["title"] for p in public["items"]] == ["مسئله"]
    listed = client_for().get("/api/v1/roundtables/public").json()
    assert [t["title"] for t in listed["items"]] == [amol.table.title]


def test_the_secretariat_creates_a_table_and_invites(amol, make_user):
    newcomer = make_user("newcomer")
    response = client_for(amol.governor).post(
        "/api/v1/roundtables/",
        {
            "organization_id": amol.governorate.pk,
            "title": "میز کشاورزی",
            "domain": "کشاورزی",
            "secretary_id": amol.governor.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    table_id = response.json()["id"]
    invited = client_for(amol.governor).post(
        f"/api/v1/roundtables/{table_id}/members", {"user_id": newcomer.pk, "category": "academic", "is_elite": True},
        content_type="application/json",
    )  # fmt: skip
    assert invited.status_code == 201 and invited.json()["category_label"] == "دانشگاهی"
    # Someone outside the governorate cannot be the secretary; another governorate cannot create here.
    bad = client_for(amol.governor).post(
        "/api/v1/roundtables/",
        {
            "organization_id": amol.governorate.pk,
            "title": "میز دیگر",
            "domain": "آب",
            "secretary_id": fresh(amol.citizen).pk,
        },
        content_type="application/json",
    )
    assert bad.status_code == 400 and "دبیر" in bad.json()["detail"]
    foreign = client_for(amol.babol_governor).post(
        "/api/v1/roundtables/",
        {
            "organization_id": amol.governorate.pk,
            "title": "میز",
            "domain": "آب",
            "secretary_id": amol.babol_governor.pk,
        },
        content_type="application/json",
    )
    assert foreign.status_code == 404
