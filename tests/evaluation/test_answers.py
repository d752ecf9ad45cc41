from __future__ import annotations

import pytest

from hamafza.core.errors import PermissionDenied, VersionConflict
from hamafza.evaluation.errors import InvalidAnswer, RoundLocked, WrongRoundState
from hamafza.evaluation.models import Answer, AnswerSource, RoundState
from hamafza.evaluation.services.answers import AnswerInput, answer_save, self_assessment_submit
from hamafza.evaluation.services.rounds import assignment_create, round_advance


def save(world, unit, code, value, by, source=AnswerSource.SELF, **kwargs):
    return answer_save(
        round_unit=unit, item=world.items[code], source=source, by=by, data=AnswerInput(value=value), **kwargs
    )


def test_unit_manager_answers_in_persian_digits_and_words(open_round):
    w = open_round
    answer, changed = save(w, w.unit1, "sessions", "۱۰", w.manager1)
    assert changed and answer.value_number == 10
    answer, _ = save(w, w.unit1, "has_plan", "بله", w.manager1)
    assert answer.value_number == 1


def test_a_wrong_value_gets_a_persian_message(open_round):
    w = open_round
    with pytest.raises(InvalidAnswer) as caught:
        save(w, w.unit1, "sessions", "ده جلسه", w.manager1)
    assert "عدد" in caught.value.message


def test_a_manager_cannot_answer_for_another_district(open_round):
    w = open_round
    with pytest.raises(PermissionDenied):
        save(w, w.unit2, "sessions", "5", w.manager1)


def test_a_resend_with_the_same_client_token_is_the_same_submission(open_round):
    w = open_round
    round_advance(round_=w.round, to=RoundState.FIELD_INSPECTION, by=w.evaluator)
    first, changed = save(
        w, w.unit1, "sessions", "8", w.inspector_a, AnswerSource.INSPECTION, client_token="tok-1", base_version=0
    )
    assert changed
    again, changed_again = save(
        w, w.unit1, "sessions", "8", w.inspector_a, AnswerSource.INSPECTION, client_token="tok-1", base_version=0
    )
    assert not changed_again
    assert again.pk == first.pk and again.version == 1
    assert Answer.objects.filter(round_unit=w.unit1, source=AnswerSource.INSPECTION).count() == 1


def test_a_save_based_on_an_old_version_is_a_conflict_not_an_overwrite(open_round):
    w = open_round
    answer, _ = save(w, w.unit1, "sessions", "8", w.manager1, base_version=0)
    save(w, w.unit1, "sessions", "9", w.manager1, base_version=answer.version)
    with pytest.raises(VersionConflict):
        save(w, w.unit1, "sessions", "3", w.manager1, base_version=answer.version)
    assert Answer.objects.get(pk=answer.pk).value_number == 9


def test_an_inspector_may_not_inspect_an_unassigned_unit(open_round):
    w = open_round
    round_advance(round_=w.round, to=RoundState.FIELD_INSPECTION, by=w.evaluator)
    with pytest.raises(PermissionDenied):
        save(w, w.unit2, "sessions", "8", w.inspector_a, AnswerSource.INSPECTION)


def test_an_inspector_cannot_be_assigned_to_a_unit_they_belong_to(open_round, grant):
    from hamafza.core.errors import DomainError

    w = open_round
    grant(w.inspector_b, "agency_staff", organization=w.district1)
    with pytest.raises(DomainError) as caught:
        assignment_create(round_unit=w.unit1, inspector=w.inspector_b, by=w.evaluator)
    assert "نمی‌تواند بازرس" in caught.value.message


def test_submitting_needs_every_required_answer(open_round):
    w = open_round
    save(w, w.unit1, "sessions", "8", w.manager1)
    with pytest.raises(InvalidAnswer) as caught:
        self_assessment_submit(round_unit=w.unit1, by=w.manager1)
    assert "has_plan" in caught.value.message
    save(w, w.unit1, "has_plan", "خیر", w.manager1)
    save(w, w.unit1, "complaints", "12", w.manager1)
    unit = self_assessment_submit(round_unit=w.unit1, by=w.manager1, strengths="برنامه منظم")
    assert unit.self_submitted_at is not None


def test_self_assessment_closes_when_inspection_starts(open_round):
    w = open_round
    round_advance(round_=w.round, to=RoundState.FIELD_INSPECTION, by=w.evaluator)
    with pytest.raises(WrongRoundState):
        save(w, w.unit1, "sessions", "8", w.manager1)


def test_states_advance_only_one_step_forward(open_round):
    w = open_round
    with pytest.raises(WrongRoundState):
        round_advance(round_=w.round, to=RoundState.PUBLISHED, by=w.evaluator)


def test_a_locked_round_refuses_every_change(open_round):
    from hamafza.evaluation.models import Round

    w = open_round
    Round.objects.filter(pk=w.round.pk).update(state=RoundState.FINALIZED)
    w.unit1.round.refresh_from_db()
    with pytest.raises(RoundLocked) as caught:
        save(w, w.unit1, "sessions", "8", w.manager1)
    assert "قفل" in caught.value.message


def test_infinity_is_not_a_number_anyone_typed(open_round):
    w = open_round
    with pytest.raises(InvalidAnswer):
        save(w, w.unit1, "sessions", "inf", w.manager1)


def test_a_cleared_answer_does_not_count_as_answered(open_round):
    w = open_round
    save(w, w.unit1, "has_plan", "بله", w.manager1)
    save(w, w.unit1, "complaints", "3", w.manager1)
    save(w, w.unit1, "sessions", "", w.manager1)
    with pytest.raises(InvalidAnswer) as caught:
        self_assessment_submit(round_unit=w.unit1, by=w.manager1)
    assert "sessions" in caught.value.message
