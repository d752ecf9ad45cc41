"""``/api/v1/programs``: the same selectors, services and permission checks as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from hamafza.organizations import permissions as org_permissions
from hamafza.places.models import County, Province
from hamafza.programs import permissions, selectors, services
from hamafza.programs.models import Milestone, Program

router = Router(tags=["programs"])

PAGE_LIMIT = 100


class MilestoneOut(Schema):
    id: int
    title: str
    weight: float
    progress: int
    status: str
    status_label: str
    due_date: dt.date | None
    order: int
    version: int


class ProgramOut(Schema):
    id: int
    code: str
    title: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    owner_id: int
    owner_name: str
    goals: str
    challenge: str
    start_date: dt.date | None
    end_date: dt.date | None
    province_id: int | None
    county_id: int | None
    is_published: bool
    published_at: dt.datetime | None
    progress: float
    version: int


class ProgramDetailOut(ProgramOut):
    milestones: list[MilestoneOut]


class ProgramPage(Schema):
    count: int
    results: list[ProgramOut]


class ProgramIn(Schema):
    owner_id: int
    title: str
    kind: str
    status: str = "draft"
    goals: str = ""
    challenge: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    province_id: int | None = None
    county_id: int | None = None


class ProgramPatch(Schema):
    version: int
    title: str | None = None
    kind: str | None = None
    status: str | None = None
    goals: str | None = None
    challenge: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class MilestoneIn(Schema):
    title: str
    weight: str = "1"
    due_date: dt.date | None = None


class ProgressIn(Schema):
    # A string, so «۴۵» typed on a Persian keyboard is as good as 45.
    progress: str
    version: int | None = None
    blocked: bool = False
    note: str = ""


def _milestone(m: Milestone) -> dict[str, Any]:
    return {
        "id": m.pk,
        "title": m.title,
        "weight": float(m.weight),
        "progress": m.progress,
        "status": m.status,
        "status_label": m.get_status_display(),
        "due_date": m.due_date,
        "order": m.order,
        "version": m.version,
    }


def _program(p: Program) -> dict[str, Any]:
    return {
        "id": p.pk,
        "code": p.code,
        "title": p.title,
        "kind": p.kind,
        "kind_label": p.get_kind_display(),
        "status": p.status,
        "status_label": p.get_status_display(),
        "owner_id": p.owner_id,
        "owner_name": p.owner.name,
        "goals": p.goals,
        "challenge": p.challenge,
        "start_date": p.start_date,
        "end_date": p.end_date,
        "province_id": p.province_id,
        "county_id": p.county_id,
        "is_published": p.is_published,
        "published_at": p.published_at,
        "progress": selectors.progress_of(p),
        "version": p.version,
    }


def _detail(program: Program) -> dict[str, Any]:
    annotated = selectors.program_with_progress(program)
    return _program(annotated) | {"milestones": [_milestone(m) for m in selectors.milestones_of(program)]}


@router.get("/", response=ProgramPage, summary="برنامه‌هایی که می‌بینم")
def list_programs(
    request: HttpRequest, kind: str = "", status: str = "", q: str = "", offset: int = 0, limit: int = 50
) -> dict[str, Any]:
    programs = selectors.program_list(request.user, kind=kind, status=status, q=q)
    limit = max(1, min(limit, PAGE_LIMIT))
    # Beyond any real list and inside a 64-bit OFFSET: ?offset=2**64 is an empty page, not a database error.
    offset = max(0, min(offset, 10**9))
    return {"count": programs.count(), "results": [_program(p) for p in programs[offset : offset + limit]]}


@router.get("/public", response=ProgramPage, auth=None, summary="برنامه‌های منتشرشده")
def list_public(request: HttpRequest, kind: str = "", q: str = "", offset: int = 0, limit: int = 50) -> dict[str, Any]:
    programs = selectors.published_programs(kind=kind, q=q)
    limit = max(1, min(limit, PAGE_LIMIT))
    # Beyond any real list and inside a 64-bit OFFSET: ?offset=2**64 is an empty page, not a database error.
    offset = max(0, min(offset, 10**9))
    return {"count": programs.count(), "results": [_program(p) for p in programs[offset : offset + limit]]}


@router.get("/{int:program_id}", response=ProgramDetailOut, summary="یک برنامه با نقاط عطف")
def get_program(request: HttpRequest, program_id: int) -> dict[str, Any]:
    return _detail(permissions.get_program_or_404(request.user, program_id))


@router.post("/", response={201: ProgramDetailOut}, summary="تعریف برنامه")
def create_program(request: HttpRequest, payload: ProgramIn) -> Status:
    owner = org_permissions.get_organization_or_404(request.user, permissions.EDIT, payload.owner_id)
    province = get_object_or_404(Province, pk=payload.province_id) if payload.province_id else None
    county = get_object_or_404(County, pk=payload.county_id) if payload.county_id else None
    program = services.program_create(
        owner=owner,
        title=payload.title,
        kind=payload.kind,
        status=payload.status,
        goals=payload.goals,
        challenge=payload.challenge,
        start_date=payload.start_date,
        end_date=payload.end_date,
        province=province,
        county=county,
        by=request.user,
    )
    return Status(201, _detail(program))


@router.patch("/{int:program_id}", response=ProgramDetailOut, summary="ویرایش برنامه (با نسخه)")
def update_program(request: HttpRequest, program_id: int, payload: ProgramPatch) -> dict[str, Any]:
    program = permissions.get_program_or_404(request.user, program_id, edit=True)
    fields = payload.dict(exclude_unset=True)
    version = fields.pop("version")
    program = services.program_update(program=program, by=request.user, version=version, **fields)
    return _detail(program)


@router.post("/{int:program_id}/publish", response=ProgramDetailOut, summary="انتشار برنامه برای عموم")
def publish_program(request: HttpRequest, program_id: int) -> dict[str, Any]:
    program = permissions.get_program_or_404(request.user, program_id, edit=True)
    return _detail(services.program_publish(program=program, by=request.user))


@router.post("/{int:program_id}/milestones", response={201: MilestoneOut}, summary="افزودن نقطه عطف")
def add_milestone(request: HttpRequest, program_id: int, payload: MilestoneIn) -> Status:
    program = permissions.get_program_or_404(request.user, program_id, edit=True)
    milestone = services.milestone_add(
        program=program, title=payload.title, weight=payload.weight, due_date=payload.due_date, by=request.user
    )
    return Status(201, _milestone(milestone))


@router.post("/milestones/{int:milestone_id}/progress", response=MilestoneOut, summary="ثبت پیشرفت نقطه عطف")
def milestone_progress(request: HttpRequest, milestone_id: int, payload: ProgressIn) -> dict[str, Any]:
    milestone = permissions.get_milestone_or_404(request.user, milestone_id)
    if payload.version is not None and payload.version < 1:
        raise HttpError(422, "نسخه معتبر نیست.")
    return _milestone(
        services.milestone_update_progress(
            milestone=milestone,
            progress=payload.progress,
            version=payload.version,
            blocked=payload.blocked,
            note=payload.note,
            by=request.user,
        )
    )
