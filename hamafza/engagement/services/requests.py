"""Two-way requests between stakeholders and agencies: sent, answered, closed, and escalated when overdue."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied
from hamafza.engagement import permissions
from hamafza.engagement.models import (
    TO_AGENCY_KINDS,
    EngagementRequest,
    RequestKind,
    RequestMessage,
    RequestStatus,
    Stakeholder,
)
from hamafza.engagement.people import agency_people, representatives_of
from hamafza.holidays.services import working_days_add
from hamafza.notifications.services import notify, notify_once
from hamafza.organizations.models import Organization
from hamafza.persian import normalize

# Seed 000 asks for regular two-way channels; ten working days is the common answer time of an office letter.
RESPONSE_WORKING_DAYS = 10
OPEN_STATUSES = (RequestStatus.OPEN,)


def _url(request: EngagementRequest) -> str:
    return reverse("engagement:request_detail", args=[request.pk])


def _tell_other_side(request: EngagementRequest, *, from_agency: bool, kind: str, title: str, by: Any) -> None:
    if from_agency:
        recipients = representatives_of([request.stakeholder])
    else:
        recipients = agency_people(request.organization, permissions.MANAGE)
    notify(
        recipients=recipients, kind=kind, title=title, body=request.subject, url=_url(request), target=request, by=by
    )


@transaction.atomic
def request_create(
    *,
    organization: Organization,
    stakeholder: Stakeholder,
    kind: str,
    subject: str,
    body: str,
    by: Any,
    today: dt.date | None = None,
) -> EngagementRequest:
    if kind not in RequestKind.values:
        raise DomainError("نوع درخواست معتبر نیست.")
    to_agency = kind in TO_AGENCY_KINDS
    # ``by=None`` is the system itself (the demo world, imports); every page and API call passes the person.
    if by is not None and to_agency and stakeholder.pk not in permissions.represented_ids(by):
        raise PermissionDenied("شما نماینده این ذی‌نفع نیستید.")
    if by is not None and not to_agency and not permissions.can_act_for(by, organization):
        raise PermissionDenied("شما از سوی این دستگاه اجازه فرستادن درخواست ندارید.")
    subject, body = normalize(subject), normalize(body, multiline=True)
    if not subject or not body:
        raise DomainError("موضوع و متن درخواست را بنویسید.")
    start = today or timezone.localdate()
    request = EngagementRequest.objects.create(
        organization=organization,
        stakeholder=stakeholder,
        kind=kind,
        is_to_agency=to_agency,
        subject=subject[:200],
        due_on=working_days_add(start, RESPONSE_WORKING_DAYS),
        created_by=by,
    )
    RequestMessage.objects.create(request=request, author=by, from_agency=not to_agency, body=body)
    audit(actor=by, action="engagement.request.created", target=request, data={"kind": kind})
    _tell_other_side(
        request,
        from_agency=not to_agency,
        kind="engagement.request.received",
        title=f"درخواست تازه: {request.subject}",
        by=by,
    )
    return request


@transaction.atomic
def request_reply(*, request: EngagementRequest, body: str, by: Any) -> RequestMessage:
    """A message on the timeline; the first one from the side that owes the answer marks the request answered."""
    # ``by=None`` is the system answering for the agency (the demo world).
    as_agency = by is None or permissions.acts_as_agency(by, request)
    as_stakeholder = by is not None and permissions.acts_as_stakeholder(by, request)
    if not (as_agency or as_stakeholder):
        raise PermissionDenied("شما طرف این درخواست نیستید.")
    if request.status == RequestStatus.CLOSED:
        raise DomainError("این درخواست بسته شده است.")
    body = normalize(body, multiline=True)
    if not body:
        raise DomainError("متن پاسخ را بنویسید.")
    # Someone who is on both sides answers as the side that owes the answer.
    from_agency = as_agency if request.is_to_agency else not as_stakeholder
    locked = EngagementRequest.objects.select_for_update().get(pk=request.pk)
    message = RequestMessage.objects.create(request=locked, author=by, from_agency=from_agency, body=body)
    owes = from_agency == locked.is_to_agency
    if owes and locked.status == RequestStatus.OPEN:
        locked.status = RequestStatus.ANSWERED
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "answered_at"])
    audit(actor=by, action="engagement.request.replied", target=locked, data={"from_agency": from_agency})
    _tell_other_side(
        locked,
        from_agency=from_agency,
        kind="engagement.request.answered",
        title=f"پاسخ تازه: {locked.subject}",
        by=by,
    )
    request.status, request.answered_at = locked.status, locked.answered_at
    return message


@transaction.atomic
def request_set_status(*, request: EngagementRequest, status: str, by: Any) -> EngagementRequest:
    """The side that was asked accepts or declines; either side may close."""
    if status not in (RequestStatus.ACCEPTED, RequestStatus.DECLINED, RequestStatus.CLOSED):
        raise DomainError("وضعیت معتبر نیست.")
    asked = (
        permissions.acts_as_agency(by, request)
        if request.is_to_agency
        else permissions.acts_as_stakeholder(by, request)
    )
    if status != RequestStatus.CLOSED and not asked:
        raise PermissionDenied("پذیرفتن یا نپذیرفتن با طرف مقابل است.")
    if not permissions.can_view_request(by, request):
        raise PermissionDenied("شما طرف این درخواست نیستید.")
    if request.status == status:
        return request
    request.status = status
    fields = ["status"]
    if request.answered_at is None and asked:
        request.answered_at = timezone.now()
        fields.append("answered_at")
    request.save(update_fields=fields)
    audit(actor=by, action="engagement.request.status", target=request, data={"status": status})
    return request


def is_overdue(request: EngagementRequest, today: dt.date | None = None) -> bool:
    return request.status in OPEN_STATUSES and request.due_on < (today or timezone.localdate())


@transaction.atomic
def requests_escalate_overdue(*, today: dt.date | None = None) -> int:
    """Tell each overdue request's agency managers once; returns how many requests were escalated."""
    today = today or timezone.localdate()
    overdue = list(
        EngagementRequest.objects.select_for_update()
        .filter(status__in=OPEN_STATUSES, is_to_agency=True, due_on__lt=today, escalated_at__isnull=True)
        .select_related("organization", "stakeholder")
    )
    for request in overdue:
        managers = agency_people(request.organization, permissions.ESCALATE)
        notify_once(
            recipients=managers,
            kind="engagement.request.overdue",
            title=f"درخواست بی‌پاسخ از مهلت گذشت: {request.subject}",
            body=f"{request.stakeholder.name} — مهلت پاسخ گذشته است.",
            url=_url(request),
            target=request,
        )
        request.escalated_at = timezone.now()
        request.save(update_fields=["escalated_at"])
        audit(actor=None, action="engagement.request.escalated", target=request)
    return len(overdue)
