"""Reads of organizations and grants that are more than a ``get``; each declares its joins."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from hamafza.organizations.models import Organization, RoleGrant
from hamafza.organizations.permissions import organizations_visible_to
from hamafza.persian import search_key


def organization_list(
    *, user: Any, q: str = "", kind: str = "", province_id: int | None = None
) -> QuerySet[Organization]:
    qs = organizations_visible_to(user).select_related("parent", "province", "county")
    if q:
        qs = qs.filter(name_key__contains=search_key(q))
    if kind:
        qs = qs.filter(kind=kind)
    if province_id:
        qs = qs.filter(province_id=province_id)
    # Persian alphabetical order comes from sort_key, never from the database's collation.
    return qs.order_by("sort_key", "id")


def organization_children(*, organization: Organization, user: Any) -> QuerySet[Organization]:
    return (
        organizations_visible_to(user)
        .filter(parent=organization)
        .select_related("province", "county")
        .annotate(children_count=Count("children"))
        .order_by("sort_key", "id")
    )


def grants_of_organization(*, organization: Organization) -> QuerySet[RoleGrant]:
    return (
        RoleGrant.objects.filter(organization=organization)
        .select_related("user", "granted_by")
        .order_by("role", "user__sort_key")
    )
