"""``/api/v1/engagement``: the registry, alignment, requests, activities and program partners.

The same selectors, permission checks and services as the pages: a foreign object is a 404, a refused write a
4xx with a Persian message, and every write goes through a service that writes the audit trail.
"""

# No ``from __future__ import annotations``: ``@paginate`` resolves annotations in the wrapper's module.
import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from hamafza.core.errors import DomainError
from hamafza.core.pagination import PageNumberPagination
from hamafza.engagement import permissions, selectors
from hamafza.engagement.alignment import aligned_stakeholders
from hamafza.engagement.models import Activity, EngagementRequest, ProgramPartner, Stakeholder, registration_digits
from hamafza.engagement.services import programs as program_services
from hamafza.engagement.services import relations as relation_services
from hamafza.engagement.services import requests as request_services
from hamafza.engagement.services import stakeholders as stakeholder_services
from hamafza.persian import normalize
from hamafza.places.models import County, Province
from hamafza.programs.permissions import get_program_or_404

router = Router(tags=["engagement"])

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class ErrorOut(Schema):
    detail: str


ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class StakeholderOut(Schema):
    id: int
    name: str
    kind: str
    registration_number: str
    verification: str
    domains: list[str]
    provinces: list[str]
    version: int

    @staticmethod
    def resolve_domains(obj: Stakeholder) -> list[str]:
        return [d.name for d in obj.domains.all()]

    @staticmethod
    def resolve_provinces(obj: Stakeholder) -> list[str]:
        return [p.name for p in obj.provinces.all()]


class StakeholderDetailOut(StakeholderOut):
    description: str
    expertise: str
    facilities: str
    volunteers: int


class StakeholderFiltersIn(Schema):
    q: str = ""
    kind: str = ""
    domain: int | None = None
    province: int | None = None
    verification: str = ""


class StakeholderIn(Schema):
    name: str
    kind: str = "ngo"
    registration_number: str = ""
    description: str = ""
    expertise: str = ""
    facilities: str = ""
    volunteers: int = 0
    domains: list[str] = []
    province_ids: list[int] = []
    county_ids: list[int] = []


class StakeholderUpdateIn(StakeholderIn):
    version: int


class MatchOut(Schema):
    stakeholder_id: int
    name: str
    score: float
    shared_domains: list[str]
    terms: list[str]
    place: str
    place_name: str


class RelationshipIn(Schema):
    organization_id: int
    stakeholder_id: int
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    note: str = ""


class RelationshipOut(Schema):
    id: int
    organization_id: int
    stakeholder_id: int
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None


class MessageOut(Schema):
    from_agency: bool
    body: str
    created_at: dt.datetime


class RequestOut(Schema):
    id: int
    organization_id: int
    stakeholder_id: int
    kind: str
    is_to_agency: bool
    subject: str
    status: str
    due_on: dt.date
    answered_at: dt.datetime | None
    is_overdue: bool

    @staticmethod
    def resolve_is_overdue(obj: EngagementRequest) -> bool:
        return request_services.is_overdue(obj)


class RequestDetailOut(RequestOut):
    messages: list[MessageOut]

    @staticmethod
    def resolve_messages(obj: EngagementRequest) -> list[Any]:
        return list(obj.messages.order_by("created_at", "id"))


class RequestIn(Schema):
    organization_id: int
    stakeholder_id: int
    kind: str
    subject: str
    body: str


class ReplyIn(Schema):
    body: str


class ActivityOut(Schema):
    id: int
    organization_id: int
    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    minutes: str


class PartnerIn(Schema):
    stakeholder_id: int
    role: str = "partner"
    contribution: str = ""


class PartnerOut(Schema):
    id: int
    stakeholder_id: int
    stakeholder_name: str
    role: str
    contribution: str

    @staticmethod
    def resolve_stakeholder_name(obj: ProgramPartner) -> str:
        return obj.stakeholder.name


def _data(payload: StakeholderIn) -> stakeholder_services.StakeholderData:
    counties = list(County.objects.filter(pk__in=payload.county_ids))
    provinces = list(Province.objects.filter(pk__in=payload.province_ids))
    if len(counties) != len(set(payload.county_ids)) or len(provinces) != len(set(payload.province_ids)):
        raise DomainError("استان یا شهرستانی با این شناسه پیدا نشد.")
    domains = stakeholder_services.domains_by_name(payload.domains)
    if len(domains) != len({normalize(d) for d in payload.domains if normalize(d)}):
        raise DomainError("یکی از حوزه‌ها در فهرست حوزه‌های فعالیت نیست.")
    return stakeholder_services.StakeholderData(
        name=normalize(payload.name),
        kind=payload.kind,
        registration_number=registration_digits(payload.registration_number),
        description=payload.description,
        expertise=payload.expertise,
        facilities=payload.facilities,
        volunteers=max(payload.volunteers, 0),
        domains=domains,
        provinces=provinces,
        counties=counties,
    )


@router.get("/stakeholders/", response={200: list[StakeholderOut], 401: ErrorOut}, summary="ذی‌نفعان")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def stakeholder_list(request: HttpRequest, filters: Query[StakeholderFiltersIn]) -> QuerySet[Stakeholder]:
    if not permissions.uses_registry(request.user):
        return Stakeholder.objects.none()
    return selectors.stakeholder_list(request.user, selectors.StakeholderFilters(**filters.dict()))


@router.get("/stakeholders/{stakeholder_id}", response={200: StakeholderDetailOut, **ERRORS}, summary="یک ذی‌نفع")
def stakeholder_detail(request: HttpRequest, stakeholder_id: int) -> Stakeholder:
    return permissions.get_stakeholder_or_404(request.user, stakeholder_id)


@router.post("/stakeholders/", response={201: StakeholderDetailOut, **ERRORS}, summary="ثبت ذی‌نفع")
def stakeholder_create(request: HttpRequest, payload: StakeholderIn) -> Status[Stakeholder]:
    return Status(201, stakeholder_services.stakeholder_create(data=_data(payload), by=request.user))


@router.put("/stakeholders/{stakeholder_id}", response={200: StakeholderDetailOut, **ERRORS}, summary="ویرایش ذی‌نفع")
def stakeholder_update(request: HttpRequest, stakeholder_id: int, payload: StakeholderUpdateIn) -> Stakeholder:
    stakeholder = permissions.get_stakeholder_or_404(request.user, stakeholder_id, edit=True)
    return stakeholder_services.stakeholder_update(
        stakeholder=stakeholder, data=_data(payload), version=payload.version, by=request.user
    )


@router.get("/agencies/{org_id}/alignment", response={200: list[MatchOut], **ERRORS}, summary="ذی‌نفعان همسو")
def alignment(request: HttpRequest, org_id: int, limit: int = 20) -> list[dict[str, Any]]:
    agency = permissions.get_agency_or_404(request.user, org_id)
    return [
        {
            "stakeholder_id": m.stakeholder.pk,
            "name": m.stakeholder.name,
            "score": round(m.score, 4),
            "shared_domains": list(m.shared_domains),
            "terms": list(m.terms),
            "place": m.place,
            "place_name": m.place_name,
        }
        for m in aligned_stakeholders(agency, limit=max(1, min(limit, 100)))
    ]


@router.post("/relationships/", response={201: RelationshipOut, **ERRORS}, summary="ثبت همکاری")
def relationship_create(request: HttpRequest, payload: RelationshipIn) -> Status[Any]:
    agency = permissions.get_agency_or_404(request.user, payload.organization_id)
    stakeholder = permissions.get_stakeholder_or_404(request.user, payload.stakeholder_id)
    relationship = relation_services.relationship_create(
        organization=agency,
        stakeholder=stakeholder,
        kind=payload.kind,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        note=payload.note,
        by=request.user,
    )
    return Status(201, relationship)


@router.get("/requests/", response={200: list[RequestOut], 401: ErrorOut}, summary="درخواست‌های تعامل")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def request_list(request: HttpRequest) -> QuerySet[EngagementRequest]:
    return permissions.requests_visible_to(request.user).order_by("-created_at", "-id")


@router.get("/requests/{request_id}", response={200: RequestDetailOut, **ERRORS}, summary="یک درخواست")
def request_detail(request: HttpRequest, request_id: int) -> EngagementRequest:
    return permissions.get_request_or_404(request.user, request_id)


@router.post("/requests/", response={201: RequestDetailOut, **ERRORS}, summary="فرستادن درخواست")
def request_create(request: HttpRequest, payload: RequestIn) -> Status[EngagementRequest]:
    from hamafza.organizations.models import Organization

    organization = Organization.objects.filter(pk=payload.organization_id, is_active=True).first()
    # A representative sees only the stakeholders they act for: another NGO is as missing as a deleted one.
    stakeholder = permissions.stakeholders_visible_to(request.user).filter(pk=payload.stakeholder_id).first()
    if organization is None or stakeholder is None:
        raise Http404
    created = request_services.request_create(
        organization=organization,
        stakeholder=stakeholder,
        kind=payload.kind,
        subject=payload.subject,
        body=payload.body,
        by=request.user,
    )
    return Status(201, created)


@router.post("/requests/{request_id}/messages", response={201: RequestDetailOut, **ERRORS}, summary="پاسخ")
def request_reply(request: HttpRequest, request_id: int, payload: ReplyIn) -> Status[EngagementRequest]:
    item = permissions.get_request_or_404(request.user, request_id)
    request_services.request_reply(request=item, body=payload.body, by=request.user)
    item.refresh_from_db()
    return Status(201, item)


@router.get("/activities/", response={200: list[ActivityOut], 401: ErrorOut}, summary="فعالیت‌ها")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def activity_list(request: HttpRequest) -> QuerySet[Activity]:
    return permissions.activities_visible_to(request.user).order_by("-starts_at", "id")


@router.get("/activities/{activity_id}", response={200: ActivityOut, **ERRORS}, summary="یک فعالیت")
def activity_detail(request: HttpRequest, activity_id: int) -> Activity:
    return permissions.get_activity_or_404(request.user, activity_id)


@router.get("/programs/{program_id}/partners", response={200: list[PartnerOut], **ERRORS}, summary="شریکان برنامه")
def program_partners(request: HttpRequest, program_id: int) -> list[ProgramPartner]:
    program = get_program_or_404(request.user, program_id)
    return list(program.engagement_partners.select_related("stakeholder"))


@router.post("/programs/{program_id}/partners", response={201: PartnerOut, **ERRORS}, summary="افزودن شریک")
def program_partner_add(request: HttpRequest, program_id: int, payload: PartnerIn) -> Status[ProgramPartner]:
    program = get_program_or_404(request.user, program_id, edit=True)
    stakeholder = permissions.get_stakeholder_or_404(request.user, payload.stakeholder_id)
    partner = program_services.program_partner_add(
        program=program, stakeholder=stakeholder, role=payload.role, contribution=payload.contribution, by=request.user
    )
    return Status(201, partner)


__all__ = ["router"]
