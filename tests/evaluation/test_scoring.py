from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hamafza.evaluation.models import AnswerSource, NodeScore, Round, RoundState, RoundUnit
from hamafza.evaluation.services.answers import AnswerInput, answer_save
from hamafza.evaluation.services.rounds import round_add_units, round_advance, round_create
from hamafza.evaluation.services.scoring import round_rescore


def answer(w, unit, code, value, by, source=AnswerSource.SELF, na=False):
    answer_save(
        round_unit=unit, item=w.items[code], source=source, by=by, data=AnswerInput(value=value, is_not_applicable=na)
    )


def test_finalizing_scores_the_round_with_inspector_values_over_self_reports(open_round):
    w = open_round
    # Unit 1 claims a perfect record; the inspector finds half the sessions and twice the complaints.
    answer(w, w.unit1, "has_plan", "بله", w.manager1)
    answer(w, w.unit1, "sessions", "12", w.manager1)
    answer(w, w.unit1, "complaints", "5", w.manager1)
    answer(w, w.unit2, "has_plan", "خیر", w.manager2)
    answer(w, w.unit2, "sessions", "۱۲", w.manager2)
    answer(w, w.unit2, "complaints", "0", w.manager2, na=True)
    round_advance(round_=w.round, to=RoundState.FIELD_INSPECTION, by=w.evaluator)
    answer(w, w.unit1, "sessions", "6", w.inspector_a, AnswerSource.INSPECTION)
    answer(w, w.unit1, "complaints", "20", w.inspector_a, AnswerSource.INSPECTION)
    for state in (RoundState.REVIEW, RoundState.OBJECTION, RoundState.FINALIZED):
        round_advance(round_=w.round, to=state, by=w.evaluator)
    w.unit1.refresh_from_db()
    w.unit2.refresh_from_db()
    # Unit 1: axis A = mean(1, 6/12) = 0.75; axis B = 10/20 = 0.5 → 0.6*0.75 + 0.4*0.5 = 0.65.
    assert w.unit1.fraction == pytest.approx(0.65)
    assert w.unit1.total == pytest.approx(650)
    # Unit 2: axis A = mean(0, 1) = 0.5; axis B not applicable → dropped, weights rescaled → 0.5.
    assert w.unit2.fraction == pytest.approx(0.5)
    assert (w.unit1.rank, w.unit2.rank) == (1, 2)
    assert w.unit1.band == "good" and w.unit2.band == "needs_improvement"
    axis_b = NodeScore.objects.get(round_unit=w.unit2, axis__code="B")
    assert axis_b.fraction is None


def test_rescoring_costs_the_same_queries_for_two_or_many_units(open_round, make_org):
    w = open_round
    small_round = Round.objects.select_related("framework_version").get(pk=w.round.pk)
    with CaptureQueriesContext(connection) as small:
        round_rescore(round_=small_round)
    bigger = round_create(
        by=w.evaluator, office=w.municipality, framework_version=w.round.framework_version, code="r-big", title="بزرگ"
    )
    districts = [make_org(f"منطقه {n}", kind="municipal_district", parent=w.municipality) for n in range(3, 15)]
    units = round_add_units(round_=bigger, units=[w.district1, w.district2, *districts], by=w.evaluator)
    round_advance(round_=bigger, to=RoundState.SELF_ASSESSMENT, by=w.evaluator)
    for unit in units[:5]:
        answer_save(
            round_unit=unit, item=w.items["has_plan"], source=AnswerSource.SELF, by=None, data=AnswerInput("بله")
        )
    bigger = Round.objects.select_related("framework_version").get(pk=bigger.pk)
    with CaptureQueriesContext(connection) as large:
        round_rescore(round_=bigger)
    assert len(large) == len(small)


def test_the_rescoring_task_runs_eagerly_without_redis(open_round):
    from hamafza.evaluation.tasks import rescore_round

    assert rescore_round.delay(open_round.round.pk).get() == 2


def _stored_nodes(round_):
    return sorted(
        NodeScore.objects.filter(round_unit__round=round_).values_list(
            "round_unit_id", "axis_id", "indicator_id", "fraction"
        ),
        key=lambda node: (node[0], node[1] or 0, node[2] or 0),
    )


def test_a_rescore_writes_what_changed_and_mends_missing_or_stray_node_scores(open_round):
    w = open_round
    answer(w, w.unit1, "has_plan", "بله", w.manager1)
    answer(w, w.unit1, "sessions", "6", w.manager1)
    answer(w, w.unit2, "complaints", "5", w.manager2)
    round_rescore(round_=w.round)
    answer(w, w.unit1, "sessions", "12", w.manager1)
    # One node score lost, one stored twice, one belonging to no node of this framework.
    lost = NodeScore.objects.filter(round_unit=w.unit2, indicator__isnull=False).first()
    lost.delete()
    kept = NodeScore.objects.filter(round_unit=w.unit1, axis__isnull=False).first()
    NodeScore.objects.create(round_unit=w.unit1, axis_id=kept.axis_id, fraction=0.123)
    NodeScore.objects.create(round_unit=w.unit1, fraction=0.5)
    round_rescore(round_=w.round)
    merged = _stored_nodes(w.round)
    NodeScore.objects.filter(round_unit__round=w.round).delete()
    round_rescore(round_=w.round)
    assert merged == _stored_nodes(w.round)
    # Two axes and two indicators for each of the two units; unit 1's axis A is now mean(1, 12/12) = 1.
    assert len(merged) == 8
    axis_a = NodeScore.objects.get(round_unit=w.unit1, axis__code="A")
    assert axis_a.fraction == pytest.approx(1.0)


def test_rescoring_a_round_costs_a_fixed_number_of_queries(open_round):
    w = open_round
    answer(w, w.unit1, "has_plan", "بله", w.manager1)
    with CaptureQueriesContext(connection) as queries:
        round_rescore(round_=w.round)
    # Savepoint and release, 4 reads of the framework and units, the answers, the units' results; then on SQLite
    # the node scores deleted and inserted, on PostgreSQL read, staged (create, truncate, copy, analyze), merged (3).
    assert len(queries) == {"postgresql": 16}.get(connection.vendor, 10)


def test_a_rescore_rewrites_only_the_units_whose_result_changed(open_round):
    w = open_round
    answer(w, w.unit1, "has_plan", "بله", w.manager1)
    answer(w, w.unit2, "has_plan", "خیر", w.manager2)
    round_rescore(round_=w.round)
    w.unit1.refresh_from_db()
    w.unit2.refresh_from_db()
    first = {w.unit1.pk: w.unit1.scored_at, w.unit2.pk: w.unit2.scored_at}
    assert None not in first.values()

    round_rescore(round_=w.round)  # nothing changed: no unit is written
    assert dict(RoundUnit.objects.filter(round=w.round).values_list("id", "scored_at")) == first

    # Unit 2 catches up with unit 1: its total moves and both now share rank 1; unit 1's result is the same.
    answer(w, w.unit2, "has_plan", "بله", w.manager2)
    round_rescore(round_=w.round)
    w.unit1.refresh_from_db()
    w.unit2.refresh_from_db()
    assert w.unit1.scored_at == first[w.unit1.pk]
    assert w.unit2.scored_at > first[w.unit2.pk]
    assert (w.unit1.rank, w.unit2.rank) == (1, 1)
    assert w.unit2.total == w.unit1.total
