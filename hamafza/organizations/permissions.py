"""The one place that answers "may this user do X to Y" and "which Y may this user see".

Each check is written twice, side by side: a predicate over one object (``can``) and a queryset of all objects
(``organizations_where``). Both read the same grants, fetched once per request and kept on the user object.
Views and the API fetch protected objects with ``get_organization_or_404``: "missing" and "not yours" look alike.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from hamafza.organizations.models import Organization, RoleGrant
from hamafza.organizations.roles import Role, roles_with

_CACHE_ATTR = "_hamafza_grants"


def grants_of(user: Any) -> list[RoleGrant]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(RoleGrant.objects.filter(user=user).select_related("organization"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_grants(user: Any) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_system_admin(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or any(g.role == Role.SYSTEM_ADMIN for g in grants_of(user))


def has_role(user: Any, *roles: str) -> bool:
    return any(g.role in roles for g in grants_of(user))


def _grant_covers(grant: RoleGrant, org: Organization) -> bool:
    if grant.organization_id:
        if grant.include_descendants:
            return org.path.startswith(grant.organization.path)
        return org.pk == grant.organization_id
    if grant.county_id:
        return org.county_id == grant.county_id
    if grant.province_id:
        return org.province_id == grant.province_id
    return True


def _grant_q(grant: RoleGrant) -> Q:
    if grant.organization_id:
        if grant.include_descendants:
            return Q(path__startswith=grant.organization.path)
        return Q(pk=grant.organization_id)
    if grant.county_id:
        return Q(county_id=grant.county_id)
    if grant.province_id:
        return Q(province_id=grant.province_id)
    return Q()


def can(user: Any, capability: str, org: Organization) -> bool:
    """May ``user`` exercise ``capability`` on ``org``?"""
    if is_system_admin(user):
        return True
    roles = roles_with(capability)
    return any(g.role in roles and _grant_covers(g, org) for g in grants_of(user))


def can_anywhere(user: Any, capability: str) -> bool:
    if is_system_admin(user):
        return True
    roles = roles_with(capability)
    return any(g.role in roles for g in grants_of(user))


def scope_q(user: Any, capability: str, prefix: str = "") -> Q | None:
    """A filter over organizations (or over a model pointing at one through ``prefix``); None means nothing."""
    if is_system_admin(user):
        return Q()
    roles = roles_with(capability)
    query: Q | None = None
    for grant in grants_of(user):
        if grant.role not in roles:
            continue
        part = _grant_q(grant)
        if prefix and part:
            part = Q(**{f"{prefix}__{key}": value for key, value in part.children})  # type: ignore[misc]
        if not part:
            return Q()
        query = part if query is None else query | part
    return query


def organizations_where(user: Any, capability: str) -> QuerySet[Organization]:
    query = scope_q(user, capability)
    if query is None:
        return Organization.objects.none()
    return Organization.objects.filter(query)


def organizations_visible_to(user: Any) -> QuerySet[Organization]:
    return organizations_where(user, "organization.view")


def get_organization_or_404(user: Any, capability: str, pk: Any) -> Organization:
    """Fetch an organization the user may act on; a foreign one is as missing as a deleted one."""
    org = Organization.objects.select_related("parent", "province", "county").filter(pk=pk).first()
    if org is None or not can(user, capability, org):
        raise Http404
    return org


def can_grant_role(user: Any, role: str, org: Organization | None) -> bool:
    """Managers hand out roles inside what they manage; only a system administrator makes another one."""
    if role == Role.SYSTEM_ADMIN:
        return is_system_admin(user)
    if org is None:
        return is_system_admin(user)
    return can(user, "roles.manage", org)
