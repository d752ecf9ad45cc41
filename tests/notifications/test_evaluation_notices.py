"""Evaluation speaks through the notification service: returned answers and overdue corrective actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command

from hamafza.evaluation.models import AnswerSource, RoundState
from hamafza.evaluation.notices import ACTION_OVERDUE, ANSWER_RETURNED
from hamafza.evaluation.services import follow_up
from hamafza.evaluation.services.answers import AnswerInput, answer_save
from hamafza.evaluation.services.review import answer_review
from hamafza.evaluation.services.rounds import round_advance
from hamafza.notifications.models import Notification
from tests.evaluation.conftest import office_world, open_round  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def test_a_returned_self_answer_notifies_the_units_people_once(open_round: Any, client: Any) -> None:  # noqa: F811
    w = open_round
    answer, _ = answer_save(
        round_unit=w.unit1, item=w.items["sessions"], source=AnswerSource.SELF, by=w.manager1, data=AnswerInput("۸")
    )
    for state in (RoundState.FIELD_INSPECTION, RoundState.REVIEW):
        round_advance(round_=w.round, to=state, by=w.evaluator)

    answer_review(answer=answer, status="returned", comment="مستند جلسه‌ها را پیوست کنید", by=w.evaluator)
    answer_review(answer=answer, status="returned", comment="مستند جلسه‌ها را پیوست کنید", by=w.evaluator)

    notes = Notification.objects.filter(kind=ANSWER_RETURNED)
    assert [n.recipient for n in notes] == [w.manager1]  # district 2's manager is not told
    note = notes.get()
    assert note.body == "مستند جلسه‌ها را پیوست کنید"
    client.force_login(w.manager1)
    html = client.get("/notifications/").content.decode()
    assert f'href="/notifications/{note.pk}/"' in html
    assert client.get(f"/notifications/{note.pk}/", follow=True).status_code == 200


def test_overdue_actions_notify_owner_and_managers_once(open_round: Any, make_user: Any) -> None:  # noqa: F811
    w = open_round
    owner = make_user("owner")
    finding = follow_up.finding_add(round_unit=w.unit1, kind="weakness", text="ضعف", by=None, root_cause="علت")
    cause = finding.root_causes.get()
    late = follow_up.corrective_action_add(
        root_cause=cause, title="تدوین برنامه", due_date=dt.date(2020, 1, 1), by=None, owner=owner
    )
    follow_up.corrective_action_add(root_cause=cause, title="در موعد", due_date=dt.date(2999, 1, 1), by=None)
    done = follow_up.corrective_action_add(root_cause=cause, title="انجام‌شده", due_date=dt.date(2020, 1, 1), by=None)
    follow_up.corrective_action_update(action=done, by=None, version=1, status="completed", progress=100)

    call_command("notify_overdue")
    call_command("notify_overdue")

    notes = Notification.objects.filter(kind=ACTION_OVERDUE)
    assert sorted(n.recipient.username for n in notes) == ["manager1", "owner"]
    assert {n.target for n in notes} == {late}


def test_the_list_with_evaluation_notices_keeps_a_fixed_query_count(
    open_round: Any,  # noqa: F811
    client: Any,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    w = open_round
    finding = follow_up.finding_add(round_unit=w.unit1, kind="weakness", text="ضعف", by=None, root_cause="علت")
    cause = finding.root_causes.get()

    def late(n: int) -> None:
        for i in range(n):
            follow_up.corrective_action_add(
                root_cause=cause, title=f"اقدام {i}", due_date=dt.date(2020, 1, 1), by=None, owner=w.manager1
            )
        call_command("notify_overdue")

    late(2)
    client.force_login(w.manager1)
    client.get("/notifications/")
    with CaptureQueriesContext(connection) as few:
        client.get("/notifications/")
    late(15)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/notifications/")
    assert len(many) == len(few)
    assert response.content.decode().count("/notifications/") > 17
