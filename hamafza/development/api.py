"""``/api/v1/development``: capacities, the development ranking (read-only), key works and pledges.

The same permission checks and services as the pages: a foreign object is a 404, a refused write a 4xx with a
Persian message, and every write goes through an audited service.
"""

# No ``from __future__ import annotations``: ``@paginate`` resolves annotations in the wrapper's module.
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from hamafza.core.api_schemas import ErrorOut
from hamafza.core.errors import DomainError
from hamafza.core.pagination import PageNumberPagination, Rows
from hamafza.development import permissions, selectors, services
from hamafza.development.models import Indicator, IndicatorValue, KeyWork, Pledge
from hamafza.engagement.models import Stakeholder, StakeholderRepresentative
from hamafza.places.models import County
from hamafza.programs import permissions as program_permissions

router = Router(tags=["development"])

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class CapacityOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    county_id: int | None
    importance: int
    sustainability: int
    long_term: int
    closeness: float
    rank: int
    version: int


class CapacityRankingOut(Schema):
    owner_id: int
    weights: list[float] | None
    consistency_ratio: float | None
    capacities: list[CapacityOut]


class CapacityIn(Schema):
    title: str
    kind: str
    importance: str
    sustainability: str
    long_term: str
    description: str = ""
    county_id: int | None = None


class CapacityUpdateIn(CapacityIn):
    version: int


class IndicatorOut(Schema):
    id: int
    title: str
    unit: str
    is_benefit: bool
    values: dict[str, float]  # county id → value


class WeightsIn(Schema):
    # The full pairwise matrix; each judgement a number or a text such as «۱/۳».
    matrix: list[list[str]]
    version: int | None = None


class WeightsOut(Schema):
    weights: list[float]
    consistency_ratio: float
    version: int


class AreaOut(Schema):
    county_id: int
    name: str
    morris: float
    closeness: float
    rank: int
    class_index: int
    class_label: str


class RankingOut(Schema):
    indicators: list[str]
    areas: list[AreaOut]
    incomplete: list[str]


class KeyWorkOut(Schema):
    id: int
    program_id: int
    title: str
    goals: str
    challenge: str
    challenge_label: str
    jalali_year: int
    period: int
    period_label: str
    county_id: int | None
    owner_id: int
    is_published: bool


class PledgeOut(Schema):
    id: int
    program_id: int
    pledger_kind: str
    name: str
    kind: str
    kind_label: str
    amount: int | None
    description: str
    status: str
    status_label: str
    public_name: bool
    version: int

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj["kind_label"] if isinstance(obj, dict) else obj.get_kind_display()

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj["status_label"] if isinstance(obj, dict) else obj.get_status_display()


class PledgeIn(Schema):
    pledger_kind: str
    kind: str
    amount: str = ""
    description: str = ""
    name: str = ""
    public_name: bool = False
    stakeholder_id: int | None = None


class AdvanceIn(Schema):
    to: str
    version: int | None = None


class TotalsOut(Schema):
    program_id: int
    money: dict[str, int]
    counts: dict[str, int]


def _capacity(item: selectors.RankedCapacity) -> dict[str, Any]:
    c = item.capacity
    return {
        "id": c.pk,
        "title": c.title,
        "kind": c.kind,
        "kind_label": c.get_kind_display(),
        "county_id": c.county_id,
        "importance": c.importance,
        "sustainability": c.sustainability,
        "long_term": c.long_term,
        "closeness": round(item.closeness, 6),
        "rank": item.rank,
        "version": c.version,
    }


def _ranking_out(owner: Any) -> dict[str, Any]:
    ranked, weights = selectors.capacity_ranking(owner)
    return {
        "owner_id": owner.pk,
        "weights": weights.weights if weights else None,
        "consistency_ratio": weights.consistency_ratio if weights else None,
        "capacities": [_capacity(item) for item in ranked],
    }


def _county(county_id: int | None) -> County | None:
    if county_id is None:
        return None
    county = County.objects.filter(pk=county_id).first()
    if county is None:
        raise DomainError("شهرستان پیدا نشد.")
    return county


@router.get(
    "/orgs/{int:org_id}/capacities", response={200: CapacityRankingOut, **ERRORS}, summary="ظرفیت‌ها به ترتیب تاپسیس"
)
def capacity_list(request: HttpRequest, org_id: int) -> dict[str, Any]:
    return _ranking_out(permissions.get_owner_or_404(request.user, org_id))


@router.post("/orgs/{int:org_id}/capacities", response={201: CapacityOut, **ERRORS}, summary="ثبت ظرفیت")
def capacity_create(request: HttpRequest, org_id: int, payload: CapacityIn) -> Status:
    owner = permissions.get_owner_or_404(request.user, org_id, manage=True)
    capacity = services.capacity_create(
        owner=owner,
        by=request.user,
        title=payload.title,
        kind=payload.kind,
        importance=payload.importance,
        sustainability=payload.sustainability,
        long_term=payload.long_term,
        description=payload.description,
        county=_county(payload.county_id),
    )
    ranked, _ = selectors.capacity_ranking(owner)
    return Status(201, _capacity(next(item for item in ranked if item.capacity.pk == capacity.pk)))


@router.put("/capacities/{int:capacity_id}", response={200: CapacityOut, **ERRORS}, summary="ویرایش ظرفیت (با نسخه)")
def capacity_update(request: HttpRequest, capacity_id: int, payload: CapacityUpdateIn) -> dict[str, Any]:
    capacity = permissions.get_capacity_or_404(request.user, capacity_id)
    capacity = services.capacity_update(
        capacity=capacity,
        by=request.user,
        version=payload.version,
        title=payload.title,
        kind=payload.kind,
        importance=payload.importance,
        sustainability=payload.sustainability,
        long_term=payload.long_term,
        description=payload.description,
        county=_county(payload.county_id),
    )
    ranked, _ = selectors.capacity_ranking(capacity.owner)
    return _capacity(next(item for item in ranked if item.capacity.pk == capacity.pk))


@router.get("/orgs/{int:org_id}/indicators", response={200: list[IndicatorOut], **ERRORS}, summary="شاخص‌های توسعه")
def indicator_list(request: HttpRequest, org_id: int) -> list[dict[str, Any]]:
    owner = permissions.get_owner_or_404(request.user, org_id)
    values: dict[int, dict[str, float]] = {}
    for indicator_id, county_id, value in IndicatorValue.objects.filter(indicator__owner=owner).values_list(
        "indicator_id", "county_id", "value"
    ):
        values.setdefault(indicator_id, {})[str(county_id)] = value
    return [
        {"id": i.pk, "title": i.title, "unit": i.unit, "is_benefit": i.is_benefit, "values": values.get(i.pk, {})}
        for i in Indicator.objects.filter(owner=owner)
    ]


@router.put("/orgs/{int:org_id}/weights", response={200: WeightsOut, **ERRORS}, summary="وزن معیارها با AHP")
def weights_set(request: HttpRequest, org_id: int, payload: WeightsIn) -> dict[str, Any]:
    owner = permissions.get_owner_or_404(request.user, org_id, manage=True)
    matrix = [[services.parse_judgement(cell) for cell in row] for row in payload.matrix]
    row = services.weights_set(owner=owner, matrix=matrix, by=request.user, version=payload.version)
    return {"weights": row.weights, "consistency_ratio": row.consistency_ratio, "version": row.version}


@router.get(
    "/orgs/{int:org_id}/ranking",
    response={200: RankingOut, **ERRORS},
    auth=None,
    summary="رتبه‌بندی توسعه، محروم‌ترین نخست",
)
def ranking(request: HttpRequest, org_id: int) -> dict[str, Any]:
    owner = permissions.get_ranking_owner_or_404(request.user, org_id)
    result = selectors.development_ranking(owner)
    return {
        "indicators": [i.title for i in result.indicators],
        "areas": [
            {
                "county_id": a.county_id,
                "name": a.name,
                "morris": round(a.morris, 4),
                "closeness": round(a.closeness, 6),
                "rank": a.rank,
                "class_index": a.klass,
                "class_label": a.class_label,
            }
            for a in result.areas
        ],
        "incomplete": result.incomplete,
    }


def _key_work(kw: KeyWork) -> dict[str, Any]:
    return {
        "id": kw.pk,
        "program_id": kw.program_id,
        "title": kw.program.title,
        "goals": kw.program.goals,
        "challenge": kw.challenge,
        "challenge_label": kw.get_challenge_display(),
        "jalali_year": kw.jalali_year,
        "period": kw.period,
        "period_label": kw.get_period_display(),
        "county_id": kw.county_id,
        "owner_id": kw.program.owner_id,
        "is_published": kw.program.is_published,
    }


@router.get("/key-works/", response={200: list[KeyWorkOut], 401: ErrorOut}, auth=None, summary="کارهای شاخص")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def key_work_list(request: HttpRequest) -> Rows:
    key_works = permissions.key_works_visible_to(request.user).select_related("program").order_by("-jalali_year", "id")
    return Rows(key_works, _key_work)


@router.get("/key-works/{int:key_work_id}", response={200: KeyWorkOut, **ERRORS}, auth=None, summary="یک کار شاخص")
def key_work_detail(request: HttpRequest, key_work_id: int) -> dict[str, Any]:
    return _key_work(permissions.get_key_work_or_404(request.user, key_work_id))


def _pledge(p: Pledge) -> dict[str, Any]:
    return {
        "id": p.pk,
        "program_id": p.program_id,
        "pledger_kind": p.pledger_kind,
        "name": p.name,
        "kind": p.kind,
        "kind_label": p.get_kind_display(),
        "amount": p.amount,
        "description": p.description,
        "status": p.status,
        "status_label": p.get_status_display(),
        "public_name": p.public_name,
        "version": p.version,
    }


@router.get("/pledges/", response={200: list[PledgeOut], 401: ErrorOut}, summary="تعهدهایی که به آن‌ها رسیدگی می‌کنم")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def pledge_list(request: HttpRequest, status: str = "") -> QuerySet[Pledge]:
    pledges = permissions.pledges_handled_by(request.user).order_by("-created_at", "-id")
    return pledges.filter(status=status) if status else pledges


@router.get(
    "/programs/{int:program_id}/pledges/totals",
    response={200: TotalsOut, **ERRORS},
    auth=None,
    summary="جمع تعهدهای یک برنامه",
)
def pledge_totals(request: HttpRequest, program_id: int) -> dict[str, Any]:
    program = program_permissions.get_program_or_404(request.user, program_id)
    totals = selectors.pledge_totals([program.pk])[program.pk]
    return {"program_id": program.pk, "money": totals.money, "counts": totals.counts}


@router.post(
    "/programs/{int:program_id}/pledges", response={201: PledgeOut, **ERRORS}, summary="اعلام مشارکت در برنامه"
)
def pledge_create(request: HttpRequest, program_id: int, payload: PledgeIn) -> Status:
    program = program_permissions.get_program_or_404(request.user, program_id)
    stakeholder = None
    if payload.stakeholder_id is not None:
        represented = StakeholderRepresentative.objects.filter(user=request.user).values("stakeholder_id")
        stakeholder = Stakeholder.objects.filter(pk=payload.stakeholder_id, pk__in=represented).first()
        if stakeholder is None:
            raise Http404
    pledge = services.pledge_create(
        program=program,
        by=request.user,
        pledger_kind=payload.pledger_kind,
        kind=payload.kind,
        amount=payload.amount,
        description=payload.description,
        name=payload.name,
        public_name=payload.public_name,
        stakeholder=stakeholder,
    )
    return Status(201, _pledge(pledge))


@router.post("/pledges/{int:pledge_id}/advance", response={200: PledgeOut, **ERRORS}, summary="تأیید یا ثبت انجام تعهد")
def pledge_advance(request: HttpRequest, pledge_id: int, payload: AdvanceIn) -> dict[str, Any]:
    pledge = permissions.get_pledge_or_404(request.user, pledge_id)
    return _pledge(services.pledge_advance(pledge=pledge, to=payload.to, by=request.user, version=payload.version))
