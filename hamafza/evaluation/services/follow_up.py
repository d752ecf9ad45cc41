"""Findings → root causes (عارضه‌یابی) → corrective actions, and their follow-up after the round."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.evaluation import permissions
from hamafza.evaluation.models import ActionStatus, CorrectiveAction, Finding, RootCause, RoundUnit
from hamafza.evaluation.services.guards import ensure_unlocked, lock_round
from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.models import Organization
from hamafza.persian import normalize


@transaction.atomic
def finding_add(
    *, round_unit: RoundUnit, kind: str, text: str, by: Any, theme: str = "", root_cause: str = ""
) -> Finding:
    round_ = lock_round(round_unit.round_id)
    if by is not None and not (permissions.can_manage_round(by, round_) or permissions.is_assigned(by, round_unit)):
        raise PermissionDenied("ثبت یافته کار دفتر ارزیابی و بازرسان این واحد است.")
    ensure_unlocked(round_)
    finding = Finding.objects.create(
        round_unit=round_unit,
        kind=kind,
        text=normalize(text),
        theme=normalize(theme),
        created_by=by if getattr(by, "pk", None) else None,
    )
    if root_cause:
        RootCause.objects.create(finding=finding, text=normalize(root_cause))
    audit(actor=by, action="evaluation.finding.added", target=round_unit, data={"kind": kind, "theme": finding.theme})
    return finding


@transaction.atomic
def root_cause_add(*, finding: Finding, text: str, by: Any) -> RootCause:
    if by is not None and not permissions.can_manage_round(by, finding.round_unit.round):
        raise PermissionDenied("عارضه‌یابی کار دفتر ارزیابی است.")
    cause = RootCause.objects.create(finding=finding, text=normalize(text))
    audit(actor=by, action="evaluation.root_cause.added", target=finding.round_unit, data={"finding": finding.pk})
    return cause


@transaction.atomic
def corrective_action_add(
    *, root_cause: RootCause, title: str, due_date: dt.date, by: Any, owner: Any = None
) -> CorrectiveAction:
    round_unit = root_cause.finding.round_unit
    # Actions are planned after the round too: they are the follow-up, so a locked round does not stop them.
    if by is not None and not (
        permissions.can_manage_round(by, round_unit.round) or permissions.can_self_assess(by, round_unit)
    ):
        raise PermissionDenied("تعریف اقدام اصلاحی با دفتر ارزیابی یا خود واحد است.")
    action = CorrectiveAction.objects.create(
        root_cause=root_cause,
        title=normalize(title),
        due_date=due_date,
        owner=owner,
        owner_organization=round_unit.unit,
    )
    audit(
        actor=by, action="evaluation.action.added", target=round_unit, data={"action": action.pk, "title": action.title}
    )
    return action


@transaction.atomic
def corrective_action_update(
    *, action: CorrectiveAction, by: Any, version: int, status: str, progress: int, note: str = ""
) -> CorrectiveAction:
    if by is not None and not org_permissions.can(by, "evaluation.self_assess", action.owner_organization):
        round_ = action.root_cause.finding.round_unit.round
        if not permissions.can_manage_round(by, round_):
            raise PermissionDenied("به‌روزرسانی این اقدام با واحد مسئول آن است.")
    if status not in ActionStatus.values:
        raise DomainError("وضعیت انتخاب‌شده معتبر نیست.")
    if status == ActionStatus.COMPLETED:
        progress = 100
    if not 0 <= progress <= 100:
        raise DomainError("پیشرفت باید از ۰ تا ۱۰۰ درصد باشد.")
    updated = CorrectiveAction.objects.filter(pk=action.pk, version=version).update(
        status=status, progress=progress, status_note=normalize(note), version=version + 1
    )
    if not updated:
        raise VersionConflict()
    action.refresh_from_db()
    audit(
        actor=by,
        action="evaluation.action.updated",
        target=action.root_cause.finding.round_unit,
        data={"action": action.pk, "status": status, "progress": progress},
    )
    return action


@transaction.atomic
def findings_route_theme(*, findings: Any, theme: str, department: Organization | None, by: Any) -> int:
    """HQ routes every weakness of one theme (within what ``findings`` covers) to one of its departments."""
    if department is not None and by is not None and not org_permissions.can(by, "evaluation.manage", department):
        raise PermissionDenied("این واحد ستادی در محدوده شما نیست.")
    count = findings.filter(theme=normalize(theme)).update(department=department)
    audit(
        actor=by,
        action="evaluation.findings.routed",
        target=department,
        data={"theme": theme, "count": count, "department": department.pk if department else None},
    )
    return count
