"""An agency confirms a match as a typed relationship with Jalali start and end dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied
from hamafza.engagement import permissions
from hamafza.engagement.models import Relationship, RelationshipKind, Stakeholder
from hamafza.organizations.models import Organization
from hamafza.persian import normalize


@transaction.atomic
def relationship_create(
    *,
    organization: Organization,
    stakeholder: Stakeholder,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    note: str = "",
    by: Any,
) -> Relationship:
    if by is not None and not permissions.can_act_for(by, organization):
        raise PermissionDenied("شما از سوی این دستگاه اجازه ثبت رابطه ندارید.")
    if kind not in RelationshipKind.values:
        raise DomainError("نوع رابطه معتبر نیست.")
    if ends_on is not None and ends_on < starts_on:
        raise DomainError("تاریخ پایان باید پس از تاریخ شروع باشد.")
    existing = Relationship.objects.filter(organization=organization, stakeholder=stakeholder, kind=kind).first()
    if existing is not None:
        return existing  # a second click of the same confirmation
    try:
        with transaction.atomic():
            relationship = Relationship.objects.create(
                organization=organization,
                stakeholder=stakeholder,
                kind=kind,
                starts_on=starts_on,
                ends_on=ends_on,
                note=normalize(note, multiline=True),
                created_by=by if getattr(by, "pk", None) else None,
            )
    except IntegrityError:
        return Relationship.objects.get(organization=organization, stakeholder=stakeholder, kind=kind)
    audit(
        actor=by,
        action="engagement.relationship.created",
        target=relationship,
        data={"organization": organization.pk, "stakeholder": stakeholder.pk, "kind": kind},
    )
    return relationship
