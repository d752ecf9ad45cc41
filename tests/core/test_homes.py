"""«کارهای من» on a small world: each line counts real work, carries its deadline and opens for its reader."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from hamafza.core.work import work_for
from hamafza.evaluation.models import AnswerSource, ReviewStatus, RoundState
from hamafza.evaluation.services.answers import AnswerInput, answer_save
from hamafza.evaluation.services.rounds import round_advance
from tests.evaluation.conftest import office_world, open_round  # noqa: F401 — fixtures

pytestmark = pytest.mark.django_db


def labels(user) -> list[str]:
    return [item.label for item in work_for(user)]


def test_a_unit_manager_sees_the_self_assessment_to_fill_with_its_deadline(open_round):  # noqa: F811
    w = open_round
    type(w.round).objects.filter(pk=w.round.pk).update(self_assessment_due=timezone.localdate() + dt.timedelta(days=5))
    items = work_for(w.manager1)
    mine = [item for item in items if "خوداظهاری منطقه ۱" in item.label]
    assert len(mine) == 1
    assert mine[0].due_at == timezone.localdate() + dt.timedelta(days=5)
    assert not mine[0].is_overdue
    assert mine[0].url == reverse("evaluation:self_assessment", args=[w.unit1.pk])
    assert not any("منطقه ۲" in label for label in labels(w.manager1))


def test_an_inspector_sees_each_assigned_visit_with_answered_of_total(open_round, client):  # noqa: F811
    w = open_round
    round_advance(round_=w.round, to=RoundState.FIELD_INSPECTION, by=w.evaluator)
    answer_save(
        round_unit=w.unit1,
        item=w.items["has_plan"],
        source=AnswerSource.INSPECTION,
        by=w.inspector_a,
        data=AnswerInput(value="بله"),
    )
    [visit] = [item for item in work_for(w.inspector_a) if item.label.startswith("بازدید")]
    assert visit.label == "بازدید منطقه ۱ — ۱ از ۳ پاسخ"
    client.force_login(w.inspector_a)
    assert client.get(visit.url).status_code == 200
    assert not [label for label in labels(w.inspector_b) if "منطقه ۱ " in label]


def test_answers_returned_to_the_unit_are_counted_for_it(open_round):  # noqa: F811
    w = open_round
    answer, _ = answer_save(
        round_unit=w.unit1,
        item=w.items["sessions"],
        source=AnswerSource.SELF,
        by=w.manager1,
        data=AnswerInput(value="۸"),
    )
    type(answer).objects.filter(pk=answer.pk).update(review_status=ReviewStatus.RETURNED)
    [returned] = [item for item in work_for(w.manager1) if "بازگشتی" in item.label]
    assert returned.count == 1


def test_the_evaluation_office_sees_the_round_to_run(open_round, client):  # noqa: F811
    w = open_round
    [run] = [item for item in work_for(w.evaluator) if item.label.startswith("اداره")]
    assert "دوره اول" in run.label
    client.force_login(w.evaluator)
    home = client.get("/").content.decode()
    assert run.label in home
    assert client.get(run.url).status_code == 200


def test_a_citizen_reads_an_honest_note_and_is_pointed_to_the_results(client, make_user, grant):
    person = make_user("maryam")
    grant(person, "citizen")
    client.force_login(person)
    html = client.get("/").content.decode()
    assert "کارهای من" in html
    assert "به‌زودی" not in html
    assert "نظرهای من" in html
    assert 'href="#portal"' in html


def test_the_home_costs_a_fixed_number_of_queries(open_round, client, django_assert_max_num_queries):  # noqa: F811
    client.force_login(open_round.manager1)
    with django_assert_max_num_queries(30):
        assert client.get("/").status_code == 200
