"""Answered critique: the agency's case for a critique or suggestion, its deadline, status and answer."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, VersionConflict
from hamafza.holidays.services import working_days_add
from hamafza.notifications.models import Notification
from hamafza.notifications.services import notify
from hamafza.persian import normalize
from hamafza.voice import permissions
from hamafza.voice.models import RESPONSE_ORDER, RESPONSE_WORKING_DAYS, AgencyResponse, Comment, ResponseStatus

NOTIFY_KIND = "voice.response"


def response_open(comment: Comment) -> AgencyResponse:
    """Send a published critique or suggestion to the page's agency, due in working days (Fridays and
    official holidays skipped). Part of publishing the comment, whose service writes the audit entry."""
    now = timezone.now()
    response, _ = AgencyResponse.objects.get_or_create(
        comment=comment,
        defaults={
            "organization": comment.page.organization,
            "received_at": now,
            "due_on": working_days_add(timezone.localdate(now), RESPONSE_WORKING_DAYS),
        },
    )
    return response


@transaction.atomic
def response_update(
    *, response: AgencyResponse, status: str, answer: str = "", version: int, by: Any
) -> AgencyResponse:
    """Move the case on (received → under review → answered → acted upon) and publish the agency's answer."""
    if not permissions.can_respond(by, response):
        raise DomainError("شما اجازه پاسخ دادن از طرف این دستگاه را ندارید.")
    if status not in ResponseStatus.values:
        raise DomainError("وضعیت را از فهرست انتخاب کنید.")
    if RESPONSE_ORDER.index(ResponseStatus(status)) < RESPONSE_ORDER.index(ResponseStatus(response.status)):
        raise DomainError("وضعیت پاسخ به عقب برنمی‌گردد.")
    answer = normalize(answer, multiline=True)
    if status in (ResponseStatus.ANSWERED, ResponseStatus.ACTED) and not (answer or response.answer):
        raise DomainError("برای «پاسخ داده شد» متن پاسخ را بنویسید.")
    if len(answer) > 3000:
        raise DomainError("پاسخ حداکثر ۳۰۰۰ نویسه است.")
    if not AgencyResponse.objects.filter(pk=response.pk, version=version).update(version=F("version") + 1):
        raise VersionConflict()
    response.refresh_from_db()
    newly_answered = response.answered_at is None and status in (ResponseStatus.ANSWERED, ResponseStatus.ACTED)
    previous = response.status
    response.status = status
    if answer:
        response.answer = answer
    if newly_answered:
        response.answered_at = timezone.now()
        response.answered_by = by
    response.save()
    audit(actor=by, action="voice.response.update", target=response, data={"from": previous, "to": status})
    comment = response.comment
    if comment.author_id and status != previous:
        notify(
            recipients=[comment.author],
            kind=NOTIFY_KIND,
            title=f"وضعیت {comment.get_kind_display()} شما: {response.get_status_display()}",
            body=response.answer[:300],
            url=f"{comment.page.url}#comment-{comment.pk}",
            target=comment,
            by=by,
        )
    return response


def responses_seen(user: Any) -> int:
    """The person opened «نظرهای من», where every answer to them is shown: their answer notifications are read.
    One UPDATE over the (recipient, read_at) index; no audit entry (reading changes nothing of record)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, kind=NOTIFY_KIND, read_at__isnull=True).update(
        read_at=timezone.now()
    )
