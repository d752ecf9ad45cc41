"""Who stands on each side of an engagement: an agency's people by role, a stakeholder's representatives."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from hamafza.engagement.models import Stakeholder
from hamafza.organizations.models import Organization
from hamafza.organizations.roles import roles_with


def agency_people(organization: Organization, capability: str) -> QuerySet[Any]:
    """Active users whose grant of a role carrying ``capability`` covers this organization."""
    ancestors = [int(part) for part in organization.path.split("/") if part]
    covers = (
        Q(role_grants__organization=organization)
        | Q(role_grants__organization_id__in=ancestors, role_grants__include_descendants=True)
        | (Q(role_grants__province_id=organization.province_id) if organization.province_id else Q(pk__in=[]))
    )
    if organization.county_id:
        covers |= Q(role_grants__county_id=organization.county_id)
    roles = roles_with(capability)
    return get_user_model().objects.filter(is_active=True).filter(Q(role_grants__role__in=roles) & covers).distinct()


def representatives_of(stakeholders: Iterable[Stakeholder]) -> QuerySet[Any]:
    ids = [s.pk for s in stakeholders]
    return get_user_model().objects.filter(is_active=True, represents__stakeholder_id__in=ids).distinct()
