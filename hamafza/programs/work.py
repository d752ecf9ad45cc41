"""What programs add to the role homes («کارهای من») and to the public portal."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Min
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from hamafza.core.work import WorkItem
from hamafza.organizations import permissions as org_permissions
from hamafza.programs import selectors
from hamafza.programs.permissions import EDIT

PORTAL_SIZE = 6


def overdue_milestones_work(user: Any) -> Iterable[WorkItem]:
    """For the owner organization's managers: milestones of active programs past their due date."""
    scope = org_permissions.scope_q(user, EDIT)
    if scope is None:
        return []
    owner_ids = org_permissions.organizations_where(user, EDIT).values("id")
    late = selectors.overdue_milestones(today=timezone.localdate(), owner_ids=owner_ids).aggregate(
        count=Count("id"), first_due=Min("due_date")
    )
    return [
        WorkItem(
            label="نقطه عطف عقب‌افتاده در برنامه‌ها",
            count=late["count"],
            url=reverse("programs:list") + "?late=1",
            due_at=late["first_due"],
            is_overdue=True,
            icon="kanban",
            group="برنامه‌ها",
        )
    ]


def portal_programs(request: HttpRequest) -> dict[str, Any] | None:
    """The latest published programs with their progress; nothing (no empty box) until one is published."""
    programs = list(selectors.published_programs()[:PORTAL_SIZE])
    if not programs:
        return None
    return {"rows": [(program, selectors.progress_of(program)) for program in programs]}
