"""``/api/v1/roundtables``: tables, chair elections (results only after closing) and problem cores, with the same
permission checks and services as the pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from hamafza.core.errors import DomainError
from hamafza.core.pagination import PageNumberPagination, Rows
from hamafza.organizations import permissions as org_permissions
from hamafza.roundtables import permissions, selectors, services
from hamafza.roundtables.models import ElectionStatus, MemberCategory, MembershipStatus

router = Router(tags=["roundtables"])
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class TableOut(Schema):
    id: int
    title: str
    domain: str
    organization: str
    chair: str | None
    is_published: bool
    published_at: datetime | None


class MemberOut(Schema):
    name: str
    category: str
    category_label: str
    is_elite: bool
    status: str


class TableDetailOut(TableOut):
    description: str
    secretary: str
    members: list[MemberOut]
    version: int


class TableIn(Schema):
    organization_id: int
    title: str = Field(..., max_length=200)
    domain: str = Field(..., max_length=100)
    secretary_id: int
    description: str = Field("", max_length=5000)


class InviteIn(Schema):
    user_id: int
    category: MemberCategory
    is_elite: bool = False


class CandidateOut(Schema):
    id: int
    label: str
    order: int


class ElectionOut(Schema):
    id: int
    table_id: int
    title: str
    method: str
    status: str
    status_label: str
    quorum: str
    candidates: list[CandidateOut]
    voters: int
    ballots_cast: int
    # Only once the election is closed: the winner and the count (matrix or rounds); null before.
    winner: str | None
    result: dict[str, Any] | None


class BallotIn(Schema):
    ranking: list[int] = Field(..., max_length=100, description="شناسه نامزدها، از نخستین انتخاب به بعد")


class ReceiptOut(Schema):
    receipt: str


class ProblemOut(Schema):
    id: int
    table_id: int
    title: str
    description: str
    source: str
    status: str
    status_label: str
    diagnosis: str
    is_published: bool
    program_id: int | None


class SolutionOut(Schema):
    id: int
    title: str
    description: str
    is_chosen: bool
    average_score: float | None
    scorers: int


class ProblemDetailOut(ProblemOut):
    root_causes: list[str]
    solutions: list[SolutionOut]


class ProblemIn(Schema):
    title: str = Field(..., max_length=300)
    description: str = Field(..., max_length=10000)


class ScoreIn(Schema):
    score: int = Field(..., ge=0, le=5)


def _name(user: Any) -> str | None:
    return (user.get_full_name() or user.get_username()) if user else None


def _table(t: Any) -> dict[str, Any]:
    return {
        "id": t.pk,
        "title": t.title,
        "domain": t.domain,
        "organization": t.organization.name,
        "chair": _name(t.chair),
        "is_published": t.is_published,
        "published_at": t.published_at,
    }


def _table_detail(user: Any, t: Any) -> dict[str, Any]:
    inside = permissions.can_manage(user, t) or permissions.membership(user, t) is not None
    members = selectors.members_of(t)
    if not inside:
        members = members.filter(status=MembershipStatus.ACCEPTED)
    return _table(t) | {
        "description": t.description,
        "secretary": _name(t.secretary),
        "version": t.version,
        "members": [
            {
                "name": _name(m.user),
                "category": m.category,
                "category_label": m.get_category_display(),
                "is_elite": m.is_elite,
                "status": m.status,
            }
            for m in members
        ],
    }


def _election(e: Any) -> dict[str, Any]:
    closed = e.status == ElectionStatus.CLOSED
    return {
        "id": e.pk,
        "table_id": e.table_id,
        "title": e.title,
        "method": e.method,
        "status": e.status,
        "status_label": e.get_status_display(),
        "quorum": f"{e.quorum_numerator}/{e.quorum_denominator}",
        "candidates": [{"id": c.pk, "label": c.label, "order": c.order} for c in e.candidates.order_by("order")],
        "voters": e.voters.count(),
        "ballots_cast": e.ballots.count(),
        "winner": e.winner.label if closed and e.winner else None,
        "result": e.result if closed else None,
    }


def _problem(p: Any) -> dict[str, Any]:
    return {
        "id": p.pk,
        "table_id": p.table_id,
        "title": p.title,
        "description": p.description,
        "source": p.source,
        "status": p.status,
        "status_label": p.get_status_display(),
        "diagnosis": p.diagnosis,
        "is_published": p.is_published,
        "program_id": p.program_id,
    }


# --- Tables ---------------------------------------------------------------------------------------------------


@router.get("/", response=list[TableOut], summary="میزهایی که در آن‌ها کار می‌کنم")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def table_list(request: HttpRequest) -> Rows:
    return Rows(selectors.table_list(request.user), _table)


@router.get("/public", response=list[TableOut], auth=None, summary="میزهای منتشرشده")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def public_list(request: HttpRequest) -> Rows:
    return Rows(selectors.published_tables(), _table)


@router.get("/{int:table_id}", response=TableDetailOut, auth=None, summary="یک میز با اعضایش")
def table_detail(request: HttpRequest, table_id: int) -> dict[str, Any]:
    return _table_detail(request.user, permissions.get_table_or_404(request.user, table_id))


@router.post("/", response={201: TableDetailOut}, summary="تشکیل میز تخصصی")
def table_create(request: HttpRequest, payload: TableIn) -> Status:
    organization = org_permissions.get_organization_or_404(request.user, permissions.MANAGE, payload.organization_id)
    secretary = get_user_model().objects.filter(pk=payload.secretary_id, is_active=True).first()
    if secretary is None:
        raise DomainError("دبیر انتخاب‌شده پیدا نشد.")
    table = services.table_create(
        organization=organization,
        title=payload.title,
        domain=payload.domain,
        secretary=secretary,
        description=payload.description,
        by=request.user,
    )
    return Status(201, _table_detail(request.user, table))


@router.post("/{int:table_id}/members", response={201: MemberOut}, summary="دعوت عضو")
def member_invite(request: HttpRequest, table_id: int, payload: InviteIn) -> Status:
    table = permissions.get_table_or_404(request.user, table_id, manage=True)
    user = get_user_model().objects.filter(pk=payload.user_id, is_active=True).first()
    if user is None:
        raise DomainError("کاربر پیدا نشد.")
    m = services.member_invite(
        table=table, user=user, category=payload.category, is_elite=payload.is_elite, by=request.user
    )
    return Status(
        201,
        {
            "name": _name(m.user),
            "category": m.category,
            "category_label": m.get_category_display(),
            "is_elite": m.is_elite,
            "status": m.status,
        },
    )


# --- Elections ----------------------------------------------------------------------------------------------


@router.get("/{int:table_id}/elections", response=list[ElectionOut], auth=None, summary="انتخابات‌های یک میز")
def election_list(request: HttpRequest, table_id: int) -> list[dict[str, Any]]:
    table = permissions.get_table_or_404(request.user, table_id)
    return [_election(e) for e in selectors.elections_of(request.user, table)[:50]]


@router.get("/elections/{int:election_id}", response=ElectionOut, auth=None, summary="یک انتخابات (نتیجه پس از پایان)")
def election_detail(request: HttpRequest, election_id: int) -> dict[str, Any]:
    return _election(permissions.get_election_or_404(request.user, election_id))


@router.post("/elections/{int:election_id}/ballots", response={201: ReceiptOut}, summary="ثبت رأی مخفی رتبه‌ای")
def ballot_cast(request: HttpRequest, election_id: int, payload: BallotIn) -> Status:
    election = permissions.get_election_or_404(request.user, election_id)
    receipt = services.ballot_cast(election=election, ranking=payload.ranking, by=request.user)
    return Status(201, {"receipt": receipt})


@router.post("/elections/{int:election_id}/close", response=ElectionOut, summary="پایان رأی‌گیری و شمارش")
def election_close(request: HttpRequest, election_id: int) -> dict[str, Any]:
    election = permissions.get_election_or_404(request.user, election_id, manage=True)
    return _election(services.election_close(election=election, by=request.user))


# --- Problems -------------------------------------------------------------------------------------------------


@router.get("/{int:table_id}/problems", response=list[ProblemOut], auth=None, summary="مسئله‌های یک میز")
@paginate(PageNumberPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def problem_list(request: HttpRequest, table_id: int) -> Rows:
    table = permissions.get_table_or_404(request.user, table_id)
    return Rows(selectors.problems_of(request.user, table), _problem)


@router.get("/problems/{int:problem_id}", response=ProblemDetailOut, auth=None, summary="یک مسئله با راهکارها")
def problem_detail(request: HttpRequest, problem_id: int) -> dict[str, Any]:
    problem = permissions.get_problem_or_404(request.user, problem_id)
    return _problem(problem) | {
        "root_causes": [c.text for c in problem.root_causes.all()],
        "solutions": [
            {
                "id": s.pk,
                "title": s.title,
                "description": s.description,
                "is_chosen": s.is_chosen,
                "average_score": float(s.average) if s.average is not None else None,
                "scorers": s.voters,
            }
            for s in selectors.solutions_with_scores(problem)
        ],
    }


@router.post("/{int:table_id}/problems", response={201: ProblemOut}, summary="طرح مسئله")
def problem_create(request: HttpRequest, table_id: int, payload: ProblemIn) -> Status:
    table = permissions.get_table_or_404(request.user, table_id)
    if not permissions.can_work_on(request.user, table):
        raise Http404
    problem = services.problem_create(
        table=table, title=payload.title, description=payload.description, by=request.user
    )
    return Status(201, _problem(problem))


@router.post("/solutions/{int:solution_id}/scores", response=SolutionOut, summary="امتیاز به راهکار")
def solution_score(request: HttpRequest, solution_id: int, payload: ScoreIn) -> dict[str, Any]:
    solution = permissions.get_solution_or_404(request.user, solution_id)
    services.solution_score(solution=solution, score=payload.score, by=request.user)
    s = next(x for x in selectors.solutions_with_scores(solution.problem) if x.pk == solution.pk)
    return {
        "id": s.pk,
        "title": s.title,
        "description": s.description,
        "is_chosen": s.is_chosen,
        "average_score": float(s.average) if s.average is not None else None,
        "scorers": s.voters,
    }
