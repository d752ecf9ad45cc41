"""The evaluation API under a new user's and an attacker's hands: no 500, no bad value stored, no silent overwrite."""

from __future__ import annotations

import pytest

from hamafza.accounts.services import api_token_create
from hamafza.evaluation.framework_io import FrameworkImportError, parse_framework_xlsx
from hamafza.evaluation.models import Answer, RoundState
from hamafza.evaluation.services.rounds import round_advance
from tests.evaluation.conftest import row, xlsx


def bearer(user) -> dict[str, str]:
    _, raw = api_token_create(user=user, name="آزمون")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def put_answer(client, unit, user, **body):
    return client.put(
        f"/api/v1/evaluation/units/{unit.pk}/answers", body, content_type="application/json", **bearer(user)
    )


@pytest.mark.parametrize("who", ["manager1", "inspector_a", "manager2", "evaluator"])
def test_every_role_lists_the_rounds_it_may_see(client, open_round, who):
    w = open_round
    response = client.get("/api/v1/evaluation/rounds", **bearer(getattr(w, who)))
    assert response.status_code == 200
    assert [r["code"] for r in response.json()] == ["r1"]


def test_a_person_with_no_role_lists_no_rounds(client, open_round, make_user):
    response = client.get("/api/v1/evaluation/rounds", **bearer(make_user("stranger")))
    assert response.status_code == 200
    assert response.json() == []


def test_a_100000_character_answer_is_refused_with_a_persian_422(client, open_round):
    w = open_round
    response = put_answer(client, w.unit1, w.manager1, item="sessions", value="۹" * 100_000)
    assert response.status_code == 422
    assert "حداکثر" in response.json()["detail"]
    assert not Answer.objects.filter(round_unit=w.unit1).exists()


def test_an_unknown_answer_source_is_refused_not_stored(client, open_round):
    w = open_round
    response = put_answer(client, w.unit1, w.manager1, item="sessions", value="9", source="hacker")
    assert response.status_code == 422
    assert not Answer.objects.filter(round_unit=w.unit1).exists()


def test_a_nul_in_an_item_code_is_a_400_not_a_database_error(client, open_round):
    w = open_round
    response = put_answer(client, w.unit1, w.manager1, item="sess\x00ions", value="9")
    assert response.status_code == 400


# Versions always (build item 7)


def test_changing_an_answer_without_base_version_is_a_409_with_the_current_value(client, open_round):
    w = open_round
    assert put_answer(client, w.unit1, w.manager1, item="sessions", value="9").status_code == 200
    response = put_answer(client, w.unit1, w.manager1, item="sessions", value="4")
    assert response.status_code == 409
    body = response.json()
    assert "base_version" in body["detail"]
    assert body["current"]["value_number"] == 9
    assert body["current"]["version"] == 1
    assert Answer.objects.get(round_unit=w.unit1).value_number == 9


def test_changing_an_answer_on_the_version_seen_is_applied(client, open_round):
    w = open_round
    put_answer(client, w.unit1, w.manager1, item="sessions", value="9")
    response = put_answer(client, w.unit1, w.manager1, item="sessions", value="4", base_version=1)
    assert response.status_code == 200
    assert response.json() == {"version": 2, "saved": True}


def test_a_stale_base_version_is_a_409_with_the_current_value(client, open_round):
    w = open_round
    put_answer(client, w.unit1, w.manager1, item="sessions", value="9")
    put_answer(client, w.unit1, w.manager1, item="sessions", value="5", base_version=1)
    response = put_answer(client, w.unit1, w.manager1, item="sessions", value="4", base_version=1)
    assert response.status_code == 409
    assert response.json()["current"]["value_number"] == 5


def test_a_resend_with_its_client_token_needs_no_base_version(client, open_round):
    w = open_round
    first = put_answer(client, w.unit1, w.manager1, item="sessions", value="9", client_token="t-1")
    again = put_answer(client, w.unit1, w.manager1, item="sessions", value="9", client_token="t-1")
    assert first.status_code == again.status_code == 200
    assert again.json() == {"version": 1, "saved": False}


def test_an_inspector_conflict_returns_the_inspectors_own_answer(client, open_round):
    w = open_round
    round_advance(round_=w.round, to=RoundState.FIELD_INSPECTION, by=w.evaluator)
    put_answer(client, w.unit1, w.inspector_a, item="sessions", value="7", source="inspection")
    response = put_answer(client, w.unit1, w.inspector_a, item="sessions", value="8", source="inspection")
    assert response.status_code == 409
    assert response.json()["current"]["inspector_id"] == w.inspector_a.pk


# Framework import


@pytest.mark.parametrize("bad", ["nan", "inf", "-inf", "1e999", "NaN"])
def test_a_framework_with_a_non_finite_weight_is_refused_row_by_row(db, bad):
    sheet = xlsx([row("A", "A1", "ok", weight=1), row("A", "A1", "broken", weight=bad)])
    with pytest.raises(FrameworkImportError) as refused:
        parse_framework_xlsx(sheet)
    [error] = refused.value.errors
    assert error.row == 3
    assert error.column == "وزن"
    assert "عدد معمولی نیست" in str(error)


def test_an_objection_decision_refuses_a_nan_corrected_value(open_round):
    from hamafza.core.errors import DomainError
    from hamafza.evaluation.models import AnswerSource, Round
    from hamafza.evaluation.services.answers import AnswerInput, answer_save
    from hamafza.evaluation.services.review import objection_decide, objection_raise

    w = open_round
    answer, _ = answer_save(
        round_unit=w.unit1, item=w.items["sessions"], source=AnswerSource.SELF, by=w.manager1, data=AnswerInput("3")
    )
    Round.objects.filter(pk=w.round.pk).update(state=RoundState.OBJECTION)
    objection = objection_raise(answer=Answer.objects.get(pk=answer.pk), text="بیشتر بود", by=w.manager1)
    with pytest.raises(DomainError, match="عدد"):
        objection_decide(objection=objection, accept=True, note="", by=w.evaluator, corrected_value=float("nan"))
    assert Answer.objects.get(pk=answer.pk).value_number == 3
