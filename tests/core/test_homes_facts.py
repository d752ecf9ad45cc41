"""Facts on screen come from the data: evidence-required answers block submission with the question's Persian
title and a link to it; submit errors name questions, not codes; a published round's answers show their final
review status."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hamafza.core.errors import DomainError
from hamafza.demo.evaluation import minutes_pdf
from hamafza.evaluation.models import AnswerSource, ChecklistItem, RoundState
from hamafza.evaluation.services.answers import AnswerInput, answer_save, inspection_submit, self_assessment_submit
from hamafza.evaluation.services.evidence import evidence_add
from hamafza.evaluation.services.rounds import round_advance
from tests.evaluation.conftest import office_world, open_round  # noqa: F401 — fixtures

pytestmark = pytest.mark.django_db

PDF = minutes_pdf()


def _answer_everything(w, unit=None, by=None):
    values = {"has_plan": "بله", "sessions": "۸", "complaints": "۳"}
    answers = {}
    for code, value in values.items():
        answers[code], _ = answer_save(
            round_unit=unit or w.unit1,
            item=w.items[code],
            source=AnswerSource.SELF,
            by=by or w.manager1,
            data=AnswerInput(value=value),
        )
    return answers


def test_a_self_assessment_without_required_evidence_is_refused_naming_the_question(open_round, client):  # noqa: F811
    w = open_round
    ChecklistItem.objects.filter(pk=w.items["sessions"].pk).update(is_evidence_required=True)
    _answer_everything(w)
    with pytest.raises(DomainError) as refused:
        self_assessment_submit(round_unit=w.unit1, by=w.manager1)
    assert "«پرسش sessions»" in refused.value.message
    client.force_login(w.manager1)
    response = client.post(reverse("evaluation:self_assessment", args=[w.unit1.pk]), {"submit": "1"}, follow=True)
    html = response.content.decode()
    assert f'<a href="#item-{w.items["sessions"].pk}">پرسش sessions</a>' in html
    w.unit1.refresh_from_db()
    assert w.unit1.self_submitted_at is None


def test_with_its_evidence_the_same_self_assessment_is_sent(open_round):  # noqa: F811
    w = open_round
    ChecklistItem.objects.filter(pk=w.items["sessions"].pk).update(is_evidence_required=True)
    answers = _answer_everything(w)
    upload = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")
    evidence_add(round_unit=w.unit1, upload=upload, by=w.manager1, answer=answers["sessions"])
    assert self_assessment_submit(round_unit=w.unit1, by=w.manager1).self_submitted_at is not None


def test_an_item_answered_not_applicable_needs_no_evidence(open_round):  # noqa: F811
    w = open_round
    ChecklistItem.objects.filter(pk=w.items["sessions"].pk).update(is_evidence_required=True)
    _answer_everything(w)
    answer_save(
        round_unit=w.unit1,
        item=w.items["sessions"],
        source=AnswerSource.SELF,
        by=w.manager1,
        data=AnswerInput(is_not_applicable=True),
    )
    assert self_assessment_submit(round_unit=w.unit1, by=w.manager1).self_submitted_at is not None


def test_the_inspectors_submit_error_names_questions_by_their_persian_titles(open_round):  # noqa: F811
    w = open_round
    round_advance(round_=w.round, to=RoundState.FIELD_INSPECTION, by=w.evaluator)
    with pytest.raises(DomainError) as refused:
        inspection_submit(round_unit=w.unit1, by=w.inspector_a)
    assert "«پرسش has_plan»" in refused.value.message
    assert "has_plan،" not in refused.value.message.replace("«پرسش has_plan»", "")


def test_a_published_rounds_unreviewed_answers_read_as_accepted(open_round, client):  # noqa: F811
    w = open_round
    for unit, manager in ((w.unit1, w.manager1), (w.unit2, w.manager2)):
        _answer_everything(w, unit=unit, by=manager)
        self_assessment_submit(round_unit=unit, by=manager)
    round_advance(round_=w.round, to=RoundState.FIELD_INSPECTION, by=w.evaluator)
    for state in (RoundState.REVIEW, RoundState.OBJECTION, RoundState.FINALIZED, RoundState.PUBLISHED):
        round_advance(round_=w.round, to=state, by=w.evaluator)
    client.force_login(w.evaluator)
    html = client.get(reverse("evaluation:review", args=[w.unit1.pk])).content.decode()
    assert "در انتظار بررسی" not in html
    assert "پذیرفته بی‌ایراد" in html


def test_an_inspector_reads_a_corrective_action_without_a_form_they_could_not_save(open_round, client):  # noqa: F811
    import datetime as dt

    from hamafza.evaluation.services import follow_up

    w = open_round
    finding = follow_up.finding_add(
        round_unit=w.unit1, kind="weakness", text="پاسخ دیرهنگام", by=w.evaluator, root_cause="نبود کارشناس"
    )
    action = follow_up.corrective_action_add(
        root_cause=finding.root_causes.get(), title="تعیین کارشناس پاسخ‌گو", due_date=dt.date(2030, 1, 1), by=None
    )
    url = reverse("evaluation:action_update", args=[action.pk])
    client.force_login(w.inspector_a)
    hub = client.get(reverse("evaluation:unit", args=[w.unit1.pk])).content.decode()
    assert url not in hub
    page = client.get(url).content.decode()
    assert 'data-testid="action-read-only"' in page
    assert "<form" not in page[page.index("<main") : page.index("</main>")]
    assert reverse("evaluation:actions") not in page  # the breadcrumb to a list they cannot open is gone
    assert client.post(url, {"status": "completed", "progress": "100", "version": "1"}).status_code == 404
    client.force_login(w.manager1)
    assert "<form" in client.get(url).content.decode()
