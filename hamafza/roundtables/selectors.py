"""Reads beyond a ``get``: lists with their joins declared, score summaries, the election's result tables and
the opinion map of a problem."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Avg, Count, Prefetch, Q, QuerySet

from hamafza.analytics.opinion import opinion_map
from hamafza.roundtables import permissions
from hamafza.roundtables.models import (
    Election,
    ElectionStatus,
    Membership,
    MembershipStatus,
    Problem,
    Roundtable,
    Solution,
    Statement,
    StatementStatus,
    StatementVote,
)

MIN_PARTICIPANTS = 4  # fewer people than this make no map: k-means needs at least two groups of two


def table_list(user: Any, q: str = "") -> QuerySet[Roundtable]:
    tables = (
        permissions.tables_of(user)
        .select_related("organization", "secretary", "chair")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACCEPTED), distinct=True),
            problem_count=Count("problems", distinct=True),
        )
    )
    if q:
        from hamafza.persian import search_key

        tables = tables.filter(title_key__contains=search_key(q))
    return tables.order_by("sort_key", "id")


def published_tables() -> QuerySet[Roundtable]:
    return (
        Roundtable.objects.filter(is_public=True, published_at__isnull=False)
        .select_related("organization", "chair")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACCEPTED), distinct=True),
            problem_count=Count("problems", filter=Q(problems__is_public=True), distinct=True),
        )
        .order_by("sort_key", "id")
    )


def members_of(table: Roundtable, *, removed: bool = False) -> QuerySet[Membership]:
    """The roster; removed members (their row, reason and date) only when asked, for the table's managers."""
    members = table.memberships.select_related("user", "removed_by")
    if not removed:
        members = members.exclude(status=MembershipStatus.REMOVED)
    return members.order_by("status", "-is_elite", "category", "id")


def problems_of(user: Any, table: Roundtable) -> QuerySet[Problem]:
    problems = table.problems.select_related("program")
    if not (permissions.can_manage(user, table) or permissions.membership(user, table)):
        problems = problems.filter(is_public=True, published_at__isnull=False)
    return problems.order_by("sort_key", "id")


def elections_of(user: Any, table: Roundtable) -> QuerySet[Election]:
    elections = table.elections.select_related("winner")
    if not (permissions.can_manage(user, table) or permissions.membership(user, table)):
        elections = elections.filter(status__in=[ElectionStatus.CLOSED, ElectionStatus.NO_QUORUM])
    return elections


def solutions_with_scores(problem: Problem) -> list[Solution]:
    return list(
        problem.solutions.annotate(average=Avg("scores__score"), voters=Count("scores")).order_by("-is_chosen", "id")
    )


def my_scores(user: Any, problem: Problem) -> dict[int, int]:
    if not getattr(user, "is_authenticated", False):
        return {}
    from hamafza.roundtables.models import SolutionScore

    return dict(SolutionScore.objects.filter(solution__problem=problem, user=user).values_list("solution_id", "score"))


# --- Election result ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Duel:
    label: str
    cells: list[int | None]  # None on the diagonal


def pairwise_rows(election: Election) -> list[Duel]:
    result = election.result or {}
    labels = result.get("candidates", [])
    matrix = result.get("pairwise")
    if not matrix:
        return []
    return [
        Duel(label, [None if i == j else matrix[i][j] for j in range(len(labels))]) for i, label in enumerate(labels)
    ]


# --- Opinion map ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    number: int
    size: int
    agreed: list[tuple[Statement, float]]


@dataclass(frozen=True)
class Map:
    participants: int
    k: int
    groups: list[Group]
    consensus: list[tuple[Statement, float]]
    divisive: list[Statement]
    points: list[dict[str, Any]]  # for the scatter plot: x, y, group (no names, no ids)


def statements_with_counts(problem: Problem) -> list[Statement]:
    """The statements on the map (approved): proposals waiting for review take no stances yet."""
    return list(
        problem.statements.filter(status=StatementStatus.APPROVED)
        .annotate(
            agree=Count("votes", filter=Q(votes__value=1)),
            disagree=Count("votes", filter=Q(votes__value=-1)),
            passed=Count("votes", filter=Q(votes__value=0)),
        )
        .order_by("id")
    )


def statements_to_review(user: Any, problem: Problem) -> list[Statement]:
    """The proposals the viewer decides on (the table's managers), oldest first, with their proposers."""
    if not permissions.can_manage(user, problem.table):
        return []
    return list(
        problem.statements.filter(status=StatementStatus.PENDING).select_related("author").order_by("created_at", "id")
    )


def my_proposals(user: Any, problem: Problem) -> list[Statement]:
    """What this person proposed and is not on the map: waiting, or rejected (they are told, and see it here)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(problem.statements.filter(author=user).exclude(status=StatementStatus.APPROVED).order_by("id"))


def my_stances(user: Any, problem: Problem) -> dict[int, int]:
    if not getattr(user, "is_authenticated", False):
        return {}
    return dict(
        StatementVote.objects.filter(statement__problem=problem, user=user).values_list("statement_id", "value")
    )


def vote_matrix(problem: Problem) -> tuple[np.ndarray, list[int]]:
    """Participants × statements (1 agree, −1 disagree, 0 pass, NaN unseen), built from one query."""
    statement_ids = list(
        problem.statements.filter(status=StatementStatus.APPROVED).order_by("id").values_list("id", flat=True)
    )
    rows = list(
        StatementVote.objects.filter(
            statement__problem=problem, statement__status=StatementStatus.APPROVED
        ).values_list("user_id", "statement_id", "value")
    )
    users = sorted({user for user, _, _ in rows})
    matrix = np.full((len(users), len(statement_ids)), np.nan)
    if rows:
        u_index = {u: i for i, u in enumerate(users)}
        s_index = {s: j for j, s in enumerate(statement_ids)}
        r = np.array([u_index[u] for u, _, _ in rows])
        c = np.array([s_index[s] for _, s, _ in rows])
        matrix[r, c] = np.array([v for _, _, v in rows], dtype=float)
    return matrix, statement_ids


def problem_map(problem: Problem) -> Map | None:
    matrix, statement_ids = vote_matrix(problem)
    if matrix.shape[0] < MIN_PARTICIPANTS or matrix.shape[1] < 2:
        return None
    result = opinion_map(matrix)
    statements = {s.pk: s for s in problem.statements.all()}
    by_index = [statements[pk] for pk in statement_ids]
    groups = [
        Group(
            number=g + 1,
            size=int((result.groups == g).sum()),
            agreed=[(by_index[s], result.statements[s].agree[g]) for s in result.representative.get(g, ())],
        )
        for g in range(result.k)
    ]
    consensus = [(by_index[s], min(result.statements[s].agree)) for s in result.consensus]
    points = [
        {"x": round(float(x), 4), "y": round(float(y), 4), "group": int(g) + 1}
        for (x, y), g in zip(result.coordinates, result.groups, strict=True)
    ]
    return Map(
        participants=matrix.shape[0],
        k=result.k,
        groups=groups,
        consensus=consensus,
        divisive=[by_index[s] for s in result.divisive],
        points=points,
    )


def memberships_prefetch() -> Prefetch:
    return Prefetch("memberships", queryset=Membership.objects.select_related("user"))
