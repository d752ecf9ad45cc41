"""Stakeholders as partners of a joint program. The program, its milestones and progress are ``hamafza.programs``."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied
from hamafza.engagement.models import PartnerRole, ProgramPartner, Stakeholder
from hamafza.persian import normalize
from hamafza.programs.models import Program, ProgramKind
from hamafza.programs.permissions import can_edit_program


@transaction.atomic
def program_partner_add(
    *, program: Program, stakeholder: Stakeholder, role: str, contribution: str = "", by: Any
) -> ProgramPartner:
    if by is not None and not can_edit_program(by, program):
        raise PermissionDenied("افزودن شریک به این برنامه در اختیار شما نیست.")
    if program.kind != ProgramKind.JOINT_PROGRAM:
        raise DomainError("شریک فقط به برنامه‌های عملیاتی مشترک افزوده می‌شود.")
    if role not in PartnerRole.values:
        raise DomainError("نقش شریک معتبر نیست.")
    partner, created = ProgramPartner.objects.get_or_create(
        program=program,
        stakeholder=stakeholder,
        defaults={"role": role, "contribution": normalize(contribution, multiline=True)},
    )
    if created:
        audit(
            actor=by,
            action="engagement.program_partner.added",
            target=program,
            data={"stakeholder": stakeholder.pk, "role": role},
        )
    return partner


@transaction.atomic
def program_partner_remove(*, partner: ProgramPartner, by: Any) -> None:
    if by is not None and not can_edit_program(by, partner.program):
        raise PermissionDenied("این کار در اختیار شما نیست.")
    audit(
        actor=by,
        action="engagement.program_partner.removed",
        target=partner.program,
        data={"stakeholder": partner.stakeholder_id},
    )
    partner.delete()
