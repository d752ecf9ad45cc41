"""The evaluation part of the demo: Tehran's districts improve over three rounds; Markazi awaits its visit."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator
from statistics import mean
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from hamafza.core.audit import verify_chain
from hamafza.core.models import AuditEntry
from hamafza.evaluation.models import AnswerSource, CorrectiveAction, Finding, Round, RoundState
from hamafza.evaluation.services.submission import items_missing_evidence

# The whole demo is built once for the module (on one pytest-xdist worker), inside a transaction rolled back at
# its end; each test reads it in a transaction of its own. Built for each test, it took 30–40 s a test under load.
pytestmark = [pytest.mark.django_db, pytest.mark.full_demo, pytest.mark.xdist_group("demo-evaluation")]


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any, places_loaded: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def test_three_published_tehran_rounds_improve_and_a_rerun_adds_nothing(
    demo: None, run_demo: Callable[[], str]
) -> None:
    tehran = list(
        Round.objects.filter(code__startswith="tehran-social", state=RoundState.PUBLISHED).order_by("created_at")
    )
    assert [r.state for r in tehran] == [RoundState.PUBLISHED] * 3
    assert all(r.units.count() == 22 for r in tehran)
    means = [mean(r.units.values_list("total", flat=True)) for r in tehran]
    assert means[2] > means[0]
    assert tehran[2].previous_round_id == tehran[1].pk
    assert tehran[2].units.exclude(change=None).count() == 22
    entries = AuditEntry.objects.count()
    output = run_demo()
    assert "evaluation: rounds 5 (0 new)" in output
    assert AuditEntry.objects.count() == entries
    assert verify_chain() == []


def test_the_ministry_round_for_markazi_is_open_for_inspection_with_findings_and_actions(
    demo: None,
) -> None:
    markazi = Round.objects.get(code="mcls-public-space-3")
    assert markazi.state == RoundState.FIELD_INSPECTION
    unit = markazi.units.get()
    assert unit.assignments.filter(inspector__username="inspector").exists()
    assert Finding.objects.filter(round_unit=unit, kind="weakness").exists()
    assert CorrectiveAction.objects.filter(root_cause__finding__round_unit=unit).count() == 2


def test_past_rounds_carry_their_own_past_dates(demo: None) -> None:
    today = timezone.localdate()
    for round_ in Round.objects.filter(state=RoundState.PUBLISHED):
        published = timezone.localdate(round_.published_at)
        assert published < today - dt.timedelta(days=300), round_.title
        assert round_.self_assessment_due < published
        assert round_.created_at < round_.published_at


def test_the_current_tehran_round_waits_for_district_12_whose_evidence_rule_holds(
    demo: None,
) -> None:
    current = Round.objects.get(code="tehran-social-1404-2")
    assert current.state == RoundState.SELF_ASSESSMENT
    assert current.self_assessment_due > timezone.localdate()
    district_12 = current.units.get(unit__code="tehran-d12")
    assert district_12.self_submitted_at is None
    assert current.units.filter(self_submitted_at__isnull=False).count() == 11
    # Every submitted self-assessment carries the evidence its framework asks for.
    for round_unit in current.units.filter(self_submitted_at__isnull=False):
        assert items_missing_evidence(round_unit, AnswerSource.SELF) == []
