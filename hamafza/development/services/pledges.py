"""Pledges by agencies, NGOs and people, and each step towards keeping them."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied
from hamafza.development import permissions
from hamafza.development.models import (
    Pledge,
    PledgeKind,
    PledgerKind,
    PledgeStatus,
)
from hamafza.development.services.common import _check_version, parse_number
from hamafza.persian import normalize
from hamafza.programs import permissions as program_permissions
from hamafza.programs.models import Program

# pledged → confirmed → delivered; a pledge not yet delivered may be cancelled.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    PledgeStatus.PLEDGED: (PledgeStatus.CONFIRMED, PledgeStatus.CANCELLED),
    PledgeStatus.CONFIRMED: (PledgeStatus.DELIVERED, PledgeStatus.CANCELLED),
    PledgeStatus.DELIVERED: (),
    PledgeStatus.CANCELLED: (),
}


@transaction.atomic
def pledge_create(
    *,
    program: Program,
    by: Any,
    pledger_kind: str,
    kind: str,
    name: str = "",
    amount: Any = None,
    description: str = "",
    public_name: bool = False,
    stakeholder: Any = None,
) -> Pledge:
    if by is None or not getattr(by, "is_authenticated", False):
        raise PermissionDenied("برای اعلام مشارکت وارد سامانه شوید.")
    if not program_permissions.can_view_program(by, program):
        raise PermissionDenied("این برنامه در دسترس شما نیست.")
    if pledger_kind not in PledgerKind.values:
        raise DomainError("نوع مشارکت‌کننده معتبر نیست.")
    if kind not in PledgeKind.values:
        raise DomainError("نوع مشارکت معتبر نیست.")
    value = None
    if amount not in (None, ""):
        number = parse_number(amount)
        if not number.is_integer() or number <= 0 or number >= 10**18:
            raise DomainError("مبلغ را به ریال و به عدد درست مثبت بنویسید.")
        value = int(number)
    if kind == PledgeKind.MONEY and value is None:
        raise DomainError("برای مشارکت مالی مبلغ را به ریال بنویسید.")
    description = normalize(description or "", multiline=True)
    if kind != PledgeKind.MONEY and not description:
        raise DomainError("بنویسید چه کمکی در این زمینه می‌کنید.")
    if pledger_kind == PledgerKind.NGO:
        if stakeholder is None:
            raise DomainError("سازمان مردم‌نهادی را که از سوی آن مشارکت می‌کنید انتخاب کنید.")
        name = stakeholder.name
    name = normalize(name or "") or (by.get_full_name() or by.get_username())
    # A double submit of the same pledge within the same minute is the same pledge.
    duplicate = Pledge.objects.filter(
        program=program, user=by, kind=kind, amount=value, description=description, status=PledgeStatus.PLEDGED
    ).first()
    if duplicate is not None:
        return duplicate
    pledge = Pledge.objects.create(
        program=program,
        user=by,
        stakeholder=stakeholder,
        pledger_kind=pledger_kind,
        name=name,
        kind=kind,
        amount=value,
        description=description,
        public_name=bool(public_name),
    )
    audit(actor=by, action="development.pledge.created", target=pledge, data={"kind": kind, "amount": value})
    return pledge


@transaction.atomic
def pledge_advance(*, pledge: Pledge, to: str, by: Any, version: int | None = None) -> Pledge:
    if by is not None and not permissions.can_handle_pledges(by, pledge.program):
        raise PermissionDenied("رسیدگی به تعهدهای این برنامه در اختیار شما نیست.")
    current = Pledge.objects.select_for_update().get(pk=pledge.pk)
    if current.status == to:
        return current  # a double submit: already there
    _check_version(current, version)
    if to not in TRANSITIONS.get(current.status, ()):
        raise DomainError(
            f"تعهدی که «{current.get_status_display()}» است نمی‌تواند «{PledgeStatus(to).label if to in PledgeStatus.values else to}» شود."
        )
    before = current.status
    current.status = to
    current.version += 1
    current.save(update_fields=["status", "version", "updated_at"])
    audit(actor=by, action="development.pledge.advanced", target=current, data={"from": before, "to": to})
    return current
