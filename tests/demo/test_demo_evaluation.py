"""The evaluation part of the demo: Tehran's districts improve over three rounds; Markazi awaits its visit."""

from __future__ import annotations

from collections.abc import Callable
from statistics import mean

import pytest

from hamafza.core.audit import verify_chain
from hamafza.core.models import AuditEntry
from hamafza.evaluation.models import CorrectiveAction, Finding, Round, RoundState

pytestmark = [pytest.mark.django_db, pytest.mark.full_demo]


def test_three_published_tehran_rounds_improve_and_a_rerun_adds_nothing(run_demo: Callable[[], str]) -> None:
    run_demo()
    tehran = list(Round.objects.filter(code__startswith="tehran-social").order_by("created_at"))
    assert [r.state for r in tehran] == [RoundState.PUBLISHED] * 3
    assert all(r.units.count() == 22 for r in tehran)
    means = [mean(r.units.values_list("total", flat=True)) for r in tehran]
    assert means[2] > means[0]
    assert tehran[2].previous_round_id == tehran[1].pk
    assert tehran[2].units.exclude(change=None).count() == 22
    entries = AuditEntry.objects.count()
    output = run_demo()
    assert "evaluation: rounds 4 (0 new)" in output
    assert AuditEntry.objects.count() == entries
    assert verify_chain() == []


def test_the_ministry_round_for_markazi_is_open_for_inspection_with_findings_and_actions(
    run_demo: Callable[[], str],
) -> None:
    run_demo()
    markazi = Round.objects.get(code="mcls-public-space-3")
    assert markazi.state == RoundState.FIELD_INSPECTION
    unit = markazi.units.get()
    assert unit.assignments.filter(inspector__username="inspector").exists()
    assert Finding.objects.filter(round_unit=unit, kind="weakness").exists()
    assert CorrectiveAction.objects.filter(root_cause__finding__round_unit=unit).count() == 2
