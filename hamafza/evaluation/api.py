"""``/api/v1/evaluation``: the same services and the same permission checks as the pages."""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from hamafza.accounts.models import User
from hamafza.core.errors import VersionConflict
from hamafza.evaluation import permissions, selectors
from hamafza.evaluation.models import (
    Answer,
    AnswerSource,
    ChecklistItem,
    FrameworkVersion,
    Round,
    RoundState,
    RoundUnit,
)
from hamafza.evaluation.services import rounds as round_services
from hamafza.evaluation.services.answers import MAX_ANSWER_TEXT, MAX_NOTE, AnswerInput, answer_save
from hamafza.evaluation.services.frameworks import version_as_specs
from hamafza.organizations import permissions as org_permissions

router = Router(tags=["evaluation"])


class FrameworkOut(Schema):
    id: int
    code: str
    title: str
    owner_id: int
    versions: list[int]


class ItemOut(Schema):
    code: str
    title: str
    item_type: str
    weight: float
    direction: str
    standard: float | None
    scale_min: float | None
    scale_max: float | None
    is_required: bool
    is_evidence_required: bool
    relevant_if: str
    relevant_value: str


class IndicatorOut(Schema):
    code: str
    title: str
    weight: float
    items: list[ItemOut]


class AxisOut(Schema):
    code: str
    title: str
    weight: float
    indicators: list[IndicatorOut]


class RoundOut(Schema):
    id: int
    code: str
    title: str
    state: str
    office_id: int
    framework_version_id: int
    previous_round_id: int | None


class UnitResultOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    total: float | None
    fraction: float | None
    band: str
    rank: int | None
    change: float | None


class AdvanceIn(Schema):
    to: str


class AssignmentIn(Schema):
    inspector_id: int


class AnswerIn(Schema):
    item: str = Field(..., max_length=60)
    source: Literal["self", "inspection"] = "self"
    value: str = Field("", max_length=MAX_ANSWER_TEXT)
    not_applicable: bool = False
    note: str = Field("", max_length=MAX_NOTE)
    base_version: int | None = Field(
        None,
        ge=0,
        le=2**31 - 1,
        description="نسخه‌ای از پاسخ که دیده‌اید؛ برای تغییر پاسخی که وجود دارد لازم است (وگرنه 409).",
    )
    client_token: str = Field("", max_length=64, description="شناسه همین ارسال؛ ارسال دوباره با همان شناسه بی‌اثر است.")


class AnswerOut(Schema):
    item: str
    source: str
    inspector_id: int | None
    value_number: float | None
    value_text: str
    not_applicable: bool
    review_status: str
    version: int


class SavedOut(Schema):
    version: int
    saved: bool


class AnswerConflictOut(Schema):
    detail: str
    current: AnswerOut | None


def _answer_out(answer: Answer) -> dict[str, Any]:
    return {
        "item": answer.item.code,
        "source": answer.source,
        "inspector_id": answer.inspector_id,
        "value_number": answer.value_number,
        "value_text": answer.value_text,
        "not_applicable": answer.is_not_applicable,
        "review_status": answer.review_status,
        "version": answer.version,
    }


@router.get("/frameworks", response=list[FrameworkOut])
def framework_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "id": f.pk,
            "code": f.code,
            "title": f.title,
            "owner_id": f.owner_id,
            "versions": [v.pk for v in f.versions.all()],
        }
        for f in selectors.frameworks_for(request.user)
    ]


@router.get("/versions/{version_id}", response=list[AxisOut])
def version_tree(request: HttpRequest, version_id: int) -> Any:
    version = get_object_or_404(FrameworkVersion.objects.select_related("framework__owner"), pk=version_id)
    used_by_visible = permissions.round_units_visible_to(request.user).filter(round__framework_version=version).exists()
    if not (org_permissions.can(request.user, "evaluation.manage", version.framework.owner) or used_by_visible):
        raise Http404
    return version_as_specs(version)


@router.get("/rounds", response=list[RoundOut])
def round_list(request: HttpRequest) -> Any:
    # One filter with OR, not ``.union()``: Round's default ordering makes each side of a UNION an ordered
    # subquery, which SQLite and PostgreSQL refuse (a 500 for everyone who is not also a manager).
    visible = permissions.round_units_visible_to(request.user).values("round_id")
    managed = permissions.rounds_managed_by(request.user).values("pk")
    return Round.objects.filter(Q(pk__in=visible) | Q(pk__in=managed)).order_by("-id")


@router.get("/rounds/{round_id}", response=RoundOut)
def round_detail(request: HttpRequest, round_id: int) -> Round:
    return permissions.get_round_or_404(request.user, round_id)


@router.post("/rounds/{round_id}/advance", response=RoundOut)
def round_advance(request: HttpRequest, round_id: int, payload: AdvanceIn) -> Round:
    round_ = permissions.get_round_or_404(request.user, round_id, manage=True)
    return round_services.round_advance(round_=round_, to=payload.to, by=request.user)


@router.get("/rounds/{round_id}/results", response=list[UnitResultOut])
def round_results(request: HttpRequest, round_id: int) -> list[dict[str, Any]]:
    round_ = permissions.get_round_or_404(request.user, round_id)
    units = RoundUnit.objects.filter(round=round_).select_related("unit").order_by("rank", "unit__sort_key")
    if round_.state != RoundState.PUBLISHED and not permissions.can_manage_round(request.user, round_):
        # Before publication a unit sees its own result only.
        units = units.filter(pk__in=permissions.round_units_visible_to(request.user).values("pk"))
    return [
        {
            "id": u.pk,
            "unit_id": u.unit_id,
            "unit_name": u.unit.name,
            "total": u.total,
            "fraction": u.fraction,
            "band": u.band,
            "rank": u.rank,
            "change": u.change,
        }
        for u in units
    ]


@router.post("/units/{unit_id}/assignments", response={201: dict})
def assignment_create(request: HttpRequest, unit_id: int, payload: AssignmentIn) -> tuple[int, dict[str, int]]:
    round_unit = permissions.get_round_unit_or_404(request.user, unit_id, action="manage")
    inspector = get_object_or_404(User, pk=payload.inspector_id)
    assignment = round_services.assignment_create(round_unit=round_unit, inspector=inspector, by=request.user)
    return 201, {"id": assignment.pk}


@router.get("/units/{unit_id}/answers", response=list[AnswerOut])
def answer_list(request: HttpRequest, unit_id: int) -> list[dict[str, Any]]:
    round_unit = permissions.get_round_unit_or_404(request.user, unit_id)
    answers = Answer.objects.filter(round_unit=round_unit).select_related("item").order_by("item__order", "id")
    if not permissions.can_manage_round(request.user, round_unit.round):
        if permissions.is_assigned(request.user, round_unit):
            answers = answers.filter(source=AnswerSource.INSPECTION, inspector=request.user) | answers.filter(
                source=AnswerSource.SELF
            )
        else:
            answers = answers.filter(source=AnswerSource.SELF)
    return [_answer_out(a) for a in answers]


@router.put("/units/{unit_id}/answers", response={200: SavedOut, 409: AnswerConflictOut})
def answer_put(request: HttpRequest, unit_id: int, payload: AnswerIn) -> Any:
    action = "inspect" if payload.source == AnswerSource.INSPECTION else "self_assess"
    round_unit = permissions.get_round_unit_or_404(request.user, unit_id, action=action)
    item = ChecklistItem.objects.filter(version_id=round_unit.round.framework_version_id, code=payload.item).first()
    if item is None:
        raise Http404
    try:
        answer, changed = answer_save(
            round_unit=round_unit,
            item=item,
            source=payload.source,
            by=request.user,
            data=AnswerInput(value=payload.value, is_not_applicable=payload.not_applicable, note=payload.note),
            base_version=payload.base_version,
            client_token=payload.client_token,
            require_base_version=True,
        )
    except VersionConflict as error:
        # The caller gets what is stored now, to show beside its own value and resend on top of it.
        inspector = request.user if payload.source == AnswerSource.INSPECTION else None
        current = (
            Answer.objects.filter(round_unit=round_unit, item=item, source=payload.source, inspector=inspector)
            .select_related("item")
            .first()
        )
        return Status(409, {"detail": error.message, "current": _answer_out(current) if current else None})
    return Status(200, {"version": answer.version, "saved": changed})
