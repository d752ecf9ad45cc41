from __future__ import annotations

import pytest

from hamafza.accounts.services import api_token_create
from hamafza.evaluation.models import Answer, Round, RoundState
from hamafza.evaluation.services.rounds import round_advance


def bearer(user) -> dict[str, str]:
    _, raw = api_token_create(user=user, name="آزمون")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def put_answer(client, unit, headers, **body):
    return client.put(f"/api/v1/evaluation/units/{unit.pk}/answers", body, content_type="application/json", **headers)


def test_a_unit_manager_answers_through_the_api(client, open_round):
    w = open_round
    response = put_answer(client, w.unit1, bearer(w.manager1), item="sessions", value="۹")
    assert response.status_code == 200
    assert response.json() == {"version": 1, "saved": True}
    assert Answer.objects.get(round_unit=w.unit1).value_number == 9


def test_an_api_resend_with_the_same_token_is_not_applied_twice(client, open_round):
    w = open_round
    headers = bearer(w.manager1)
    first = put_answer(client, w.unit1, headers, item="sessions", value="9", client_token="abc")
    again = put_answer(client, w.unit1, headers, item="sessions", value="9", client_token="abc")
    assert first.json()["saved"] is True and again.json()["saved"] is False
    assert Answer.objects.get(round_unit=w.unit1).version == 1


def test_a_forged_request_for_a_foreign_unit_is_404(client, open_round):
    w = open_round
    response = put_answer(client, w.unit2, bearer(w.manager1), item="sessions", value="9")
    assert response.status_code == 404
    round_advance(round_=w.round, to=RoundState.FIELD_INSPECTION, by=w.evaluator)
    response = put_answer(client, w.unit2, bearer(w.inspector_a), item="sessions", value="9", source="inspection")
    assert response.status_code == 404
    assert not Answer.objects.filter(round_unit=w.unit2).exists()


def test_a_locked_round_refuses_api_writes_with_a_persian_message(client, open_round):
    w = open_round
    Round.objects.filter(pk=w.round.pk).update(state=RoundState.FINALIZED)
    response = put_answer(client, w.unit1, bearer(w.manager1), item="sessions", value="9")
    assert response.status_code == 409
    assert "قفل" in response.json()["detail"]


def test_only_the_office_advances_a_round(client, open_round):
    w = open_round
    url = f"/api/v1/evaluation/rounds/{w.round.pk}/advance"
    assert (
        client.post(url, {"to": "field_inspection"}, content_type="application/json", **bearer(w.manager1)).status_code
        == 404
    )
    response = client.post(url, {"to": "field_inspection"}, content_type="application/json", **bearer(w.evaluator))
    assert response.status_code == 200 and response.json()["state"] == "field_inspection"


@pytest.mark.parametrize("who", ["manager1", "evaluator"])
def test_results_before_publication_show_a_unit_only_its_own(client, open_round, who):
    w = open_round
    response = client.get(f"/api/v1/evaluation/rounds/{w.round.pk}/results", **bearer(getattr(w, who)))
    units = {row["unit_id"] for row in response.json()}
    expected = {w.district1.pk} if who == "manager1" else {w.district1.pk, w.district2.pk}
    assert units == expected
