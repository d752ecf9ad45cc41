from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from hamafza.organizations import permissions
from hamafza.organizations.models import Organization

router = Router(tags=["organizations"])


class OrganizationOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    province_id: int | None
    county_id: int | None
    version: int


@router.get("/{org_id}", response=OrganizationOut)
def organization_detail(request: HttpRequest, org_id: int) -> Organization:
    return permissions.get_organization_or_404(request.user, "organization.view", org_id)
