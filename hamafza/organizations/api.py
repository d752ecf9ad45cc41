"""``/api/v1/organizations``: the organization tree, as far as the caller may see it.

Reads go through ``selectors`` and ``permissions``; writes through ``services``, which check "may manage",
write the audit entry and refuse a stale ``version`` (409). An organization the caller may not see answers 404,
the same as one that does not exist. A bad place or parent in a body is a 400 with a Persian message: the ids
are checked here, before they reach a foreign key that would fail only at commit. Checking them before the
service's permission check tells a caller nothing new: places are public.
"""

# No ``from __future__ import annotations`` here: ``@paginate`` wraps the view, and ninja resolves string
# annotations in the wrapper's module, where these schema names do not exist.
from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from hamafza.core.api_schemas import ErrorOut
from hamafza.core.errors import DomainError, NotFound
from hamafza.core.pagination import PageNumberPagination
from hamafza.organizations import permissions, selectors, services
from hamafza.organizations.models import Organization
from hamafza.organizations.schemas import (
    OrganizationChildOut,
    OrganizationCreateIn,
    OrganizationDetailOut,
    OrganizationFilters,
    OrganizationOut,
    OrganizationUpdateIn,
)
from hamafza.places.models import County, Province

router = Router(tags=["organizations"])

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def _organization(request: HttpRequest, capability: str, org_id: int) -> Organization:
    try:
        return permissions.get_organization_or_404(request.user, capability, org_id)
    except Http404:
        raise NotFound("سازمانی با این شناسه پیدا نشد.") from None


def _place(model: type[Model], pk: int | None, message: str) -> Any:
    if pk is None:
        return None
    place = model._default_manager.filter(pk=pk).first()
    if place is None:
        raise DomainError(message)
    return place


def _province(pk: int | None) -> Province | None:
    return _place(Province, pk, "استانی با این شناسه پیدا نشد.")


def _county(pk: int | None) -> County | None:
    return _place(County, pk, "شهرستانی با این شناسه پیدا نشد.")


@router.get("/", response={200: list[OrganizationOut], 401: ErrorOut}, summary="سازمان‌هایی که می‌بینید")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def organization_list(request: HttpRequest, filters: Query[OrganizationFilters]) -> QuerySet[Organization]:
    # Tags in one extra query for the whole page, not one per row.
    return selectors.organization_list(
        user=request.user, q=filters.q, kind=filters.kind or "", province_id=filters.province
    ).prefetch_related("tags")


@router.get("/{org_id}", response={200: OrganizationDetailOut, **ERRORS}, summary="یک سازمان")
def organization_detail(request: HttpRequest, org_id: int) -> Organization:
    return _organization(request, "organization.view", org_id)


@router.get(
    "/{org_id}/children", response={200: list[OrganizationChildOut], **ERRORS}, summary="زیرمجموعه‌های یک سازمان"
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def organization_children(request: HttpRequest, org_id: int) -> QuerySet[Organization]:
    organization = _organization(request, "organization.view", org_id)
    return (
        selectors.organization_children(organization=organization, user=request.user)
        .select_related("parent")
        .prefetch_related("tags")
    )


@router.post("/", response={201: OrganizationDetailOut, **ERRORS}, summary="ساختن سازمان")
def organization_create(request: HttpRequest, payload: OrganizationCreateIn) -> Status[Organization]:
    parent = None
    if payload.parent_id is not None:
        # A parent the caller cannot see is reported as missing, like everywhere else.
        parent = permissions.organizations_visible_to(request.user).filter(pk=payload.parent_id).first()
        if parent is None:
            raise DomainError("سازمان بالادست با این شناسه پیدا نشد.")
    organization = services.organization_create(
        by=request.user,
        code=payload.code,
        name=payload.name,
        kind=payload.kind.value,
        parent=parent,
        province=_province(payload.province_id),
        county=_county(payload.county_id),
        mission=payload.mission,
        tags=payload.tags,
    )
    return Status(201, organization)


@router.patch("/{org_id}", response={200: OrganizationDetailOut, **ERRORS}, summary="ویرایش سازمان")
def organization_update(request: HttpRequest, org_id: int, payload: OrganizationUpdateIn) -> Organization:
    # "view" here, "manage" in the service: a visible organization the caller may not edit answers 403, not 404.
    organization = _organization(request, "organization.view", org_id)
    sent = payload.model_dump(exclude_unset=True)
    version = sent.pop("version")
    tags = sent.pop("tags", None)
    fields: dict[str, Any] = {}
    if "province_id" in sent:
        fields["province"] = _province(sent.pop("province_id"))
    if "county_id" in sent:
        fields["county"] = _county(sent.pop("county_id"))
    if "kind" in sent:
        fields["kind"] = sent.pop("kind").value
    fields.update(sent)
    return services.organization_update(
        organization=organization, by=request.user, version=version, tags=tags, **fields
    )
