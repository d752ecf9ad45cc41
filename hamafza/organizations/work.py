"""What the organizations module puts on «کارهای من»: people to manage and units still without a manager.
(The citizen's and the NGO representative's notes come from voice and engagement, whose work they describe.)"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse

from hamafza.core.work import WorkItem
from hamafza.organizations import permissions
from hamafza.organizations.models import Organization, RoleGrant
from hamafza.organizations.roles import Role, roles_with

GROUP = "سازمان و اعضا"


def people_work(user: Any) -> Iterator[WorkItem]:
    """Managers and governors keep the people and roles of the organizations they run."""
    managing = roles_with("roles.manage") - {Role.SYSTEM_ADMIN}
    grants = [g for g in permissions.grants_of(user) if g.role in managing and g.organization_id]
    if not grants:
        return
    members = dict(
        RoleGrant.objects.filter(organization_id__in=[g.organization_id for g in grants])
        .values("organization_id")
        .annotate(count=Count("user", distinct=True))
        .values_list("organization_id", "count")
    )
    for grant in grants[:5]:
        org = grant.organization
        yield WorkItem(
            label=f"اعضا و نقش‌های {org.name}",
            count=members.get(org.pk, 0),
            url=reverse("organizations:members", args=[org.pk]),
            icon="people",
            group=GROUP,
        )
        without_manager = (
            Organization.objects.filter(path__startswith=org.path, is_active=True)
            .exclude(pk=org.pk)
            .annotate(
                has_manager=Exists(RoleGrant.objects.filter(organization=OuterRef("pk"), role=Role.AGENCY_MANAGER))
            )
            .filter(has_manager=False)
            .count()
            if grant.include_descendants
            else 0
        )
        yield WorkItem(
            label=f"واحدهای زیرمجموعه {org.name} که هنوز مدیری در سامانه ندارند",
            count=without_manager,
            url=reverse("organizations:detail", args=[org.pk]),
            icon="person-plus",
            group=GROUP,
        )
