"""Rounds: creation, units in scope, inspector assignments and the state machine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied
from hamafza.evaluation import permissions
from hamafza.evaluation.errors import WrongRoundState
from hamafza.evaluation.models import Assignment, FrameworkVersion, Round, RoundState, RoundUnit
from hamafza.evaluation.services.guards import ensure_state, ensure_unlocked, lock_round
from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.models import Organization

# state → the states it may move to. Finalized and published are reached only forward.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    RoundState.DRAFT: (RoundState.SELF_ASSESSMENT,),
    RoundState.SELF_ASSESSMENT: (RoundState.FIELD_INSPECTION,),
    RoundState.FIELD_INSPECTION: (RoundState.REVIEW,),
    RoundState.REVIEW: (RoundState.OBJECTION,),
    RoundState.OBJECTION: (RoundState.FINALIZED,),
    RoundState.FINALIZED: (RoundState.PUBLISHED,),
    RoundState.PUBLISHED: (),
}
MAX_INSPECTORS_PER_UNIT = 2


def _check_manager(by: Any, round_: Round) -> None:
    if by is not None and not permissions.can_manage_round(by, round_):
        raise PermissionDenied("شما اداره‌کننده این دوره ارزیابی نیستید.")


@transaction.atomic
def round_create(
    *,
    by: Any,
    office: Organization,
    framework_version: FrameworkVersion,
    code: str,
    title: str,
    previous_round: Round | None = None,
    self_assessment_due: dt.date | None = None,
    inspection_starts: dt.date | None = None,
    inspection_ends: dt.date | None = None,
    objection_due: dt.date | None = None,
) -> Round:
    if by is not None and not org_permissions.can(by, "evaluation.manage", office):
        raise PermissionDenied("شما اجازه تعریف دوره ارزیابی برای این دفتر را ندارید.")
    if Round.objects.filter(code=code).exists():
        raise DomainError("این کد برای دوره دیگری ثبت شده است.")
    if inspection_starts and inspection_ends and inspection_ends < inspection_starts:
        raise DomainError("پایان بازدید نمی‌تواند پیش از آغاز آن باشد.")
    round_ = Round.objects.create(
        office=office,
        framework_version=framework_version,
        code=code,
        title=title,
        previous_round=previous_round,
        self_assessment_due=self_assessment_due,
        inspection_starts=inspection_starts,
        inspection_ends=inspection_ends,
        objection_due=objection_due,
    )
    audit(actor=by, action="evaluation.round.created", target=round_, data={"framework_version": framework_version.pk})
    return round_


@transaction.atomic
def round_add_units(*, round_: Round, units: Iterable[Organization], by: Any) -> list[RoundUnit]:
    _check_manager(by, round_)
    round_ = lock_round(round_.pk)
    ensure_state(round_, RoundState.DRAFT, message="واحدها فقط در دوره پیش‌نویس اضافه می‌شوند.")
    existing = set(round_.units.values_list("unit_id", flat=True))
    fresh = [RoundUnit(round=round_, unit=unit) for unit in units if unit.pk not in existing]
    RoundUnit.objects.bulk_create(fresh)
    if fresh:
        audit(
            actor=by,
            action="evaluation.round.units_added",
            target=round_,
            data={"units": [ru.unit_id for ru in fresh]},
        )
    return list(round_.units.select_related("unit"))


def _inspector_belongs_to(inspector: Any, unit: Organization) -> bool:
    """An inspector may not judge a unit they hold any role in (or in an organization above it)."""
    return any(
        grant.organization_id and unit.path.startswith(grant.organization.path) and grant.role != "inspector"
        for grant in org_permissions.grants_of(inspector)
    )


@transaction.atomic
def assignment_create(*, round_unit: RoundUnit, inspector: Any, by: Any) -> Assignment:
    round_ = lock_round(round_unit.round_id)
    _check_manager(by, round_)
    ensure_state(
        round_,
        RoundState.DRAFT,
        RoundState.SELF_ASSESSMENT,
        RoundState.FIELD_INSPECTION,
        message="بازرس را پیش از پایان بازدید میدانی می‌توان تعیین کرد.",
    )
    if not org_permissions.can(inspector, "evaluation.inspect", round_unit.unit):
        raise DomainError(f"{inspector.display_name} نقش بازرس برای این واحد ندارد.")
    if _inspector_belongs_to(inspector, round_unit.unit):
        raise DomainError(f"{inspector.display_name} در همین واحد نقش دارد و نمی‌تواند بازرس آن باشد.")
    if round_unit.assignments.filter(inspector=inspector).exists():
        raise DomainError("این بازرس پیش‌تر برای این واحد تعیین شده است.")
    if round_unit.assignments.count() >= MAX_INSPECTORS_PER_UNIT:
        raise DomainError("برای هر واحد حداکثر دو بازرس تعیین می‌شود.")
    assignment = Assignment.objects.create(round_unit=round_unit, inspector=inspector)
    audit(
        actor=by,
        action="evaluation.assignment.created",
        target=round_unit,
        data={"inspector": inspector.pk, "unit": round_unit.unit_id},
    )
    return assignment


@transaction.atomic
def assignment_delete(*, assignment: Assignment, by: Any) -> None:
    round_unit = assignment.round_unit
    _check_manager(by, round_unit.round)
    ensure_unlocked(lock_round(round_unit.round_id))
    data = {"inspector": assignment.inspector_id, "unit": round_unit.unit_id}
    assignment.delete()
    audit(actor=by, action="evaluation.assignment.deleted", target=round_unit, data=data)


def _check_can_advance(round_: Round, target: str) -> None:
    if target == RoundState.SELF_ASSESSMENT and not round_.units.exists():
        raise WrongRoundState("پیش از گشودن دوره، واحدهای ارزیابی‌شونده را تعیین کنید.")
    if target == RoundState.FIELD_INSPECTION:
        without = round_.units.filter(assignments__isnull=True).count()
        if without:
            raise WrongRoundState(f"برای {without} واحد هنوز بازرس تعیین نشده است.")
    if target == RoundState.FINALIZED:
        from hamafza.evaluation.models import Objection, ObjectionDecision

        pending = Objection.objects.filter(answer__round_unit__round=round_, decision=ObjectionDecision.PENDING).count()
        if pending:
            raise WrongRoundState(f"{pending} اعتراض هنوز بی‌پاسخ مانده است.")


@transaction.atomic
def round_advance(*, round_: Round, to: str, by: Any) -> Round:
    """Move a round one step along its life: draft → … → finalized (locked) → published."""
    _check_manager(by, round_)
    # Re-read under a row lock so two clicks cannot both advance the same round.
    round_ = lock_round(round_.pk)
    if to not in RoundState.values:
        raise WrongRoundState("وضعیت درخواستی معتبر نیست.")
    if to not in TRANSITIONS[round_.state]:
        raise WrongRoundState(f"دوره از وضعیت «{RoundState(round_.state).label}» به «{RoundState(to).label}» نمی‌رود.")
    _check_can_advance(round_, to)
    previous = round_.state
    fields = ["state", "version", "updated_at"]
    if to == RoundState.SELF_ASSESSMENT:
        version = round_.framework_version
        if not version.is_frozen:
            version.is_frozen = True
            version.save(update_fields=["is_frozen"])
    if to == RoundState.FINALIZED:
        from hamafza.evaluation.services.scoring import round_rescore

        round_rescore(round_=round_)
        round_.finalized_at = timezone.now()
        fields.append("finalized_at")
    if to == RoundState.PUBLISHED:
        round_.published_at = timezone.now()
        fields.append("published_at")
    round_.state = to
    round_.version += 1
    round_.save(update_fields=fields)
    audit(actor=by, action=f"evaluation.round.{to}", target=round_, data={"from": previous, "to": to})
    if to == RoundState.PUBLISHED:
        # The ranking and each unit's result become public pages that take comments and ratings.
        from hamafza.core import public_pages
        from hamafza.evaluation.public_pages import round_pages

        public_pages.announce(round_pages(round_))
    return round_


def next_state(round_: Round) -> str | None:
    options = TRANSITIONS[round_.state]
    return options[0] if options else None
