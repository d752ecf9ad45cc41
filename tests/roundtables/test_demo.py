"""The demo gives Amol its three tables, once: an elected chair, scored solutions, a program and an opinion map."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from hamafza.analytics import voting
from hamafza.core.models import AuditEntry
from hamafza.roundtables import selectors, services
from hamafza.roundtables.models import Ballot, ElectionStatus, Problem, Roundtable

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(places_loaded: Any, db: Any, monkeypatch: Any) -> Any:
    from hamafza.demo import world

    monkeypatch.setattr(world, "BUILDERS", tuple(b for b in world.BUILDERS if b.name != "evaluation"))

    def run() -> str:
        out = io.StringIO()
        call_command("demo", stdout=out)
        return out.getvalue()

    return run


def test_amols_tables_are_built_once_with_a_closed_election_and_an_opinion_map(demo: Any) -> None:
    assert "roundtables: tables 3 new" in demo()
    counts = (Roundtable.objects.count(), Ballot.objects.count(), Problem.objects.count(), AuditEntry.objects.count())
    assert "roundtables: tables 0 new" in demo()
    assert (
        Roundtable.objects.count(),
        Ballot.objects.count(),
        Problem.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
    tourism = Roundtable.objects.get(title="میز تخصصی گردشگری آمل")
    assert tourism.is_published and tourism.secretary.username == "governor"
    assert tourism.memberships.filter(user__username="member", is_elite=True, status="accepted").exists()
    election = tourism.elections.get()
    assert election.status == ElectionStatus.CLOSED and election.ballots.count() >= 5
    assert tourism.chair == election.winner.user
    names, ballots = services.parse_ballots_csv(services.ballots_csv(election))
    assert voting.schulze(ballots, names).winner == election.winner.label
    problem = tourism.problems.get()
    assert problem.is_published and problem.root_causes.count() == 2
    opinion = selectors.problem_map(problem)
    assert opinion is not None and opinion.k >= 2
    agriculture = Problem.objects.get(title="خام‌فروشی برنج و نبود صنایع تبدیلی")
    assert agriculture.program is not None and agriculture.program.milestones.count() == 3
