"""Who may see and do what at a roundtable. Side by side: a predicate on one object and a queryset of all.

* The governorate's secretariat (``roundtables.manage``, the governor role, scoped by the organization tree)
  and the table's own secretary set a table up: members, meetings, elections, problems, publishing.
* A member (accepted, or invited and not yet answering) sees their table's drafts; accepted members raise
  problems, propose and score solutions, and add statements; elite members vote for the chair. A removed member
  is an outsider again, except on the frozen roll of an election that was already open.
* Everyone sees what is published (a published table and its published problems and closed elections); any
  signed-in person proposes a statement on a problem they see, which waits for the secretary's approval.
* Anything else is 404, exactly like a missing object.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from hamafza.organizations import permissions as org_permissions
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
    Voter,
)

MANAGE = "roundtables.manage"
TAKE_PART = "roundtables.take_part"


def _member_rows(user: Any) -> dict[int, Membership]:
    """This person's memberships by table id, fetched once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_hamafza_roundtables", None)
    if cached is None:
        cached = {
            m.table_id: m
            for m in Membership.objects.filter(user=user).exclude(
                status__in=[MembershipStatus.DECLINED, MembershipStatus.REMOVED]
            )
        }
        user._hamafza_roundtables = cached
    return cached


def forget(user: Any) -> None:
    if hasattr(user, "_hamafza_roundtables"):
        delattr(user, "_hamafza_roundtables")


def membership(user: Any, table: Roundtable) -> Membership | None:
    return _member_rows(user).get(table.pk)


def is_member(user: Any, table: Roundtable) -> bool:
    row = membership(user, table)
    return row is not None and row.status == MembershipStatus.ACCEPTED


def can_manage(user: Any, table: Roundtable) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return table.secretary_id == user.pk or org_permissions.can(user, MANAGE, table.organization)


def can_create_tables(user: Any) -> bool:
    return org_permissions.can_anywhere(user, MANAGE)


def uses_roundtables(user: Any) -> bool:
    return org_permissions.can_anywhere(user, TAKE_PART) or bool(_member_rows(user))


def tables_visible_to(user: Any) -> QuerySet[Roundtable]:
    query = Q(is_public=True, published_at__isnull=False)
    scope = org_permissions.scope_q(user, MANAGE, prefix="organization")
    if scope is not None:
        query |= scope
    if getattr(user, "is_authenticated", False):
        query |= Q(secretary=user) | Q(pk__in=list(_member_rows(user)))
    return Roundtable.objects.filter(query)


def tables_of(user: Any) -> QuerySet[Roundtable]:
    """The tables this person works at: managed (scope or secretary) or a member of; not merely published ones."""
    if not getattr(user, "is_authenticated", False):
        return Roundtable.objects.none()
    query = Q(secretary=user) | Q(pk__in=list(_member_rows(user)))
    scope = org_permissions.scope_q(user, MANAGE, prefix="organization")
    if scope is not None:
        query |= scope
    return Roundtable.objects.filter(query)


def can_view_table(user: Any, table: Roundtable) -> bool:
    return table.is_published or can_manage(user, table) or membership(user, table) is not None


def get_table_or_404(user: Any, pk: Any, *, manage: bool = False) -> Roundtable:
    table = Roundtable.objects.select_related("organization", "secretary", "chair").filter(pk=pk).first()
    if table is None:
        raise Http404
    allowed = can_manage(user, table) if manage else can_view_table(user, table)
    if not allowed:
        raise Http404
    return table


# --- Elections ----------------------------------------------------------------------------------------------


def can_view_election(user: Any, election: Election) -> bool:
    table = election.table
    if can_manage(user, table) or membership(user, table) is not None:
        return True
    if table.is_published and election.is_closed:
        return True
    # The roll is frozen when voting opens: a member removed after that still votes, so still sees the ballot.
    return bool(
        getattr(user, "is_authenticated", False)
        and election.status == ElectionStatus.VOTING
        and Voter.objects.filter(election=election, user=user).exists()
    )


def get_election_or_404(user: Any, pk: Any, *, manage: bool = False) -> Election:
    election = Election.objects.select_related("table__organization", "winner").filter(pk=pk).first()
    if election is None:
        raise Http404
    allowed = can_manage(user, election.table) if manage else can_view_election(user, election)
    if not allowed:
        raise Http404
    return election


# --- Problems -------------------------------------------------------------------------------------------------


def can_view_problem(user: Any, problem: Problem) -> bool:
    table = problem.table
    if can_manage(user, table) or membership(user, table) is not None:
        return True
    return table.is_published and problem.is_published


def can_work_on(user: Any, table: Roundtable) -> bool:
    """Raise problems, diagnose, propose and score solutions, write statements: accepted members and managers."""
    return can_manage(user, table) or is_member(user, table)


def problems_visible_to(user: Any) -> QuerySet[Problem]:
    query = Q(is_public=True, published_at__isnull=False, table__is_public=True, table__published_at__isnull=False)
    visible_tables = tables_of(user).values("id")
    if getattr(user, "is_authenticated", False):
        query |= Q(table__in=visible_tables)
    return Problem.objects.filter(query)


def get_problem_or_404(user: Any, pk: Any, *, work: bool = False) -> Problem:
    problem = Problem.objects.select_related("table__organization", "program", "critique__page").filter(pk=pk).first()
    if problem is None:
        raise Http404
    allowed = can_work_on(user, problem.table) if work else can_view_problem(user, problem)
    if not allowed:
        raise Http404
    return problem


def get_solution_or_404(user: Any, pk: Any) -> Solution:
    solution = Solution.objects.select_related("problem__table__organization").filter(pk=pk).first()
    if solution is None or not can_work_on(user, solution.problem.table):
        raise Http404
    return solution


def can_propose_statement(user: Any, problem: Problem) -> bool:
    """Any signed-in person who sees the problem: members' statements count at once, others' wait for review."""
    return bool(getattr(user, "is_authenticated", False)) and can_view_problem(user, problem)


def can_vote_statement(user: Any, statement: Statement) -> bool:
    """Members and, once the problem is published, any signed-in citizen take a stance on approved statements."""
    if not getattr(user, "is_authenticated", False) or statement.status != StatementStatus.APPROVED:
        return False
    return can_view_problem(user, statement.problem)


def get_statement_or_404(user: Any, pk: Any, *, review: bool = False) -> Statement:
    """A statement to vote on, or with ``review`` one the viewer approves or rejects (the table's managers)."""
    statement = Statement.objects.select_related("problem__table__organization", "author").filter(pk=pk).first()
    if statement is None:
        raise Http404
    allowed = can_manage(user, statement.problem.table) if review else can_vote_statement(user, statement)
    if not allowed:
        raise Http404
    return statement
