"""What the roundtable services share: the checks they start with, and the public pages of problems."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from hamafza.core import public_pages
from hamafza.core.errors import PermissionDenied
from hamafza.core.public_pages import PageSpec
from hamafza.roundtables import permissions
from hamafza.roundtables.models import (
    Problem,
    Roundtable,
)
from hamafza.voice.models import PageKind


def _ensure_manager(table: Roundtable, by: Any) -> None:
    if by is not None and not permissions.can_manage(by, table):
        raise PermissionDenied("اداره این میز در اختیار شما نیست.")


def _ensure_worker(table: Roundtable, by: Any) -> None:
    if by is not None and not permissions.can_work_on(by, table):
        raise PermissionDenied("این کار برای اعضای پذیرفته‌شده این میز است.")


def _name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()).strip()


# A reason given for removing a member or refusing a statement.
REASON_LIMIT = 500


def _problem_page(problem: Problem, table: Roundtable) -> PageSpec:
    """A problem's public page is public only while both the problem and its table are published."""
    visible = problem.is_published and table.is_published
    return PageSpec(
        target=problem,
        organization=table.organization,
        kind=PageKind.OTHER,
        title=problem.title,
        url=reverse("roundtables:problem", args=[problem.pk]),
        text=f"{table.title}\n{problem.description}\n{problem.diagnosis}",
        is_public=visible,
        published_at=problem.published_at if visible else None,
    )


def _announce_problem_pages(table: Roundtable) -> int:
    """Re-announce the pages of a table's problems that were ever published (problem flag set): hidden while the
    table is unpublished, back again when it is republished, renamed with it."""
    problems = list(table.problems.filter(is_public=True).order_by("id"))
    return public_pages.announce(_problem_page(problem, table) for problem in problems)


def problem_pages() -> list[PageSpec]:
    """Every problem page (a ``public_pages`` source): a rebuild re-syncs them with their tables' state."""
    problems = Problem.objects.filter(is_public=True).select_related("table__organization").order_by("id")
    return [_problem_page(problem, problem.table) for problem in problems]
