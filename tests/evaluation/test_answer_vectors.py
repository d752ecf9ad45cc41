"""PostgreSQL keeps each unit's answers packed in one row (``AnswerVector``) by a statement trigger, and the
re-score reads those rows: whoever writes the answers — a service, a bulk insert, an UPDATE or DELETE of many —
the packed rows must say what the answers say."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from hamafza.evaluation.models import Answer, AnswerSource, AnswerVector, RoundUnit
from hamafza.evaluation.services import scoring
from hamafza.evaluation.services.answers import AnswerInput, answer_save

pytestmark = pytest.mark.postgresql


def _records(round_: Any) -> list[tuple[int, int, bool, bool, float | None]]:
    """The round's answers as the re-score reads them (from the packed rows), in a stable order."""
    read = scoring._answers(round_)
    rows = zip(read["unit"], read["item"], read["inspection"], read["na"], read["value"], strict=True)
    return sorted((int(u), int(i), bool(s), bool(n), None if np.isnan(v) else float(v)) for u, i, s, n, v in rows)


def _truth(round_: Any) -> list[tuple[int, int, bool, bool, float | None]]:
    """The same, read from the answers themselves."""
    answers = Answer.objects.filter(round_unit__round=round_).values_list(
        "round_unit_id", "item_id", "source", "is_not_applicable", "value_number"
    )
    return sorted((u, i, s == AnswerSource.INSPECTION, n, v) for u, i, s, n, v in answers)


def test_the_packed_answers_follow_every_kind_of_write(open_round: Any) -> None:
    w = open_round
    assert _records(w.round) == [] and not AnswerVector.objects.exists()
    # A service saves one answer, then changes it.
    answer_save(round_unit=w.unit1, item=w.items["sessions"], source="self", by=None, data=AnswerInput("۶"))
    answer_save(round_unit=w.unit1, item=w.items["has_plan"], source="self", by=None, data=AnswerInput("بله"))
    answer_save(round_unit=w.unit1, item=w.items["sessions"], source="self", by=None, data=AnswerInput("۹"))
    assert _records(w.round) == _truth(w.round) and len(_truth(w.round)) == 2
    assert sorted(r[4] for r in _records(w.round)) == [1.0, 9.0]
    # Many at once: a bulk insert (one statement, both units), an inspector's answers among them.
    Answer.objects.bulk_create(
        [
            Answer(round_unit=w.unit2, item=w.items["sessions"], source="self", value_number=3),
            Answer(round_unit=w.unit2, item=w.items["complaints"], source="self", is_not_applicable=True),
            Answer(
                round_unit=w.unit1, item=w.items["sessions"], source="inspection", inspector=w.inspector_a,
                value_number=4,
            ),
        ]
    )  # fmt: skip
    assert _records(w.round) == _truth(w.round) and len(_truth(w.round)) == 5
    # An UPDATE of many rows across units, and one that moves nothing the re-score reads.
    Answer.objects.filter(source="self").update(value_number=7)
    Answer.objects.filter(round_unit=w.unit2).update(note="بازبینی شد")
    assert _records(w.round) == _truth(w.round)
    assert {r[4] for r in _records(w.round) if not r[2] and not r[3]} == {7.0}
    # Deleting a unit's last answers removes its packed row; deleting the unit takes the rest with it.
    Answer.objects.filter(round_unit=w.unit2).delete()
    assert not AnswerVector.objects.filter(round_unit=w.unit2).exists()
    assert _records(w.round) == _truth(w.round)
    RoundUnit.objects.filter(pk=w.unit1.pk).delete()
    assert not AnswerVector.objects.exists() and _records(w.round) == []


def test_the_re_score_gives_what_the_answers_give(open_round: Any) -> None:
    w = open_round
    for unit, manager, plan, sessions in ((w.unit1, w.manager1, "بله", "۱۲"), (w.unit2, w.manager2, "خیر", "۳")):
        answer_save(round_unit=unit, item=w.items["has_plan"], source="self", by=manager, data=AnswerInput(plan))
        answer_save(round_unit=unit, item=w.items["sessions"], source="self", by=manager, data=AnswerInput(sessions))
    scoring.round_rescore(round_=w.round)
    totals = dict(RoundUnit.objects.filter(round=w.round).values_list("pk", "total"))
    assert totals[w.unit1.pk] > totals[w.unit2.pk]
    # A packed row that went stale would show here: the answers change behind the ORM's back, in one statement.
    Answer.objects.filter(round_unit=w.unit2, item=w.items["sessions"]).update(value_number=12)
    Answer.objects.filter(round_unit=w.unit2, item=w.items["has_plan"]).update(value_number=1)
    scoring.round_rescore(round_=w.round)
    totals = dict(RoundUnit.objects.filter(round=w.round).values_list("pk", "total"))
    assert totals[w.unit1.pk] == totals[w.unit2.pk]
