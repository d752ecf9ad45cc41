"""Who to tell: the people who hold a capability on an organization, from the same grants as ``can``.

``people_with(capability, organization)`` mirrors ``organizations.permissions.can`` in one query: a grant on the
organization itself, on an ancestor with its descendants, on its county or province, or everywhere. Modules use
it to notify "the unit's people" or "the agency's managers" without knowing how roles are scoped.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from hamafza.organizations.models import Organization
from hamafza.organizations.roles import Role, roles_with


def _ancestor_paths(organization: Organization) -> list[str]:
    # Paths are zero-padded ids, each ending in "/": every ancestor's path is a prefix ending at a "/".
    path = organization.path
    return [path[: index + 1] for index, char in enumerate(path) if char == "/"]


def people_with(capability: str, organization: Organization, *, roles: tuple[str, ...] | None = None) -> QuerySet[Any]:
    """Active people who may exercise ``capability`` on ``organization`` (optionally only these ``roles``)."""
    wanted = set(roles_with(capability)) if roles is None else set(roles) & set(roles_with(capability))
    covers = (
        Q(role_grants__organization=organization)
        | Q(role_grants__organization__path__in=_ancestor_paths(organization), role_grants__include_descendants=True)
        | Q(
            role_grants__organization__isnull=True, role_grants__county__isnull=True, role_grants__province__isnull=True
        )
    )
    if organization.county_id:
        covers |= Q(role_grants__county_id=organization.county_id)
    if organization.province_id:
        covers |= Q(role_grants__province_id=organization.province_id)
    User = get_user_model()
    return User.objects.filter(covers, role_grants__role__in=wanted, is_active=True).distinct().order_by("pk")


def managers_of(organization: Organization) -> QuerySet[Any]:
    """The organization's managers (and the governors above it): who an overdue item escalates to."""
    return people_with("organization.manage", organization, roles=(Role.AGENCY_MANAGER, Role.GOVERNOR))
