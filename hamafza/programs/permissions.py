"""Who may see and change programs: one place, written twice (predicate and queryset) side by side.

* Everyone, signed in or not, sees a published program (``is_public`` with ``published_at``).
* People who may view the owner organization see its drafts (staff, moderators, table members in scope).
* People who manage the owner organization (its managers, governors above it) create, edit and publish.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from hamafza.organizations import permissions as org_permissions
from hamafza.programs.models import Milestone, Program

VIEW = "organization.view"
EDIT = "organization.manage"

PUBLISHED = Q(is_public=True, published_at__isnull=False)


def can_view_program(user: Any, program: Program) -> bool:
    return program.is_published or org_permissions.can(user, VIEW, program.owner)


def programs_visible_to(user: Any) -> QuerySet[Program]:
    scope = org_permissions.scope_q(user, VIEW, prefix="owner")
    return Program.objects.filter(PUBLISHED if scope is None else PUBLISHED | scope)


def can_edit_program(user: Any, program: Program) -> bool:
    return org_permissions.can(user, EDIT, program.owner)


def programs_editable_by(user: Any) -> QuerySet[Program]:
    scope = org_permissions.scope_q(user, EDIT, prefix="owner")
    return Program.objects.none() if scope is None else Program.objects.filter(scope)


def can_create_programs(user: Any) -> bool:
    return org_permissions.can_anywhere(user, EDIT)


def get_program_or_404(user: Any, pk: Any, *, edit: bool = False) -> Program:
    """Fetch a program this person may see (or edit); a foreign draft is as missing as a deleted one."""
    program = Program.objects.select_related("owner", "province", "county").filter(pk=pk).first()
    if program is None:
        raise Http404
    allowed = can_edit_program(user, program) if edit else can_view_program(user, program)
    if not allowed:
        raise Http404
    return program


def get_milestone_or_404(user: Any, pk: Any) -> Milestone:
    milestone = Milestone.objects.select_related("program__owner").filter(pk=pk).first()
    if milestone is None or not can_edit_program(user, milestone.program):
        raise Http404
    return milestone
