"""``/api/v1/notifications``: a person's own notifications, and marking them read."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from hamafza.notifications import selectors, services

router = Router(tags=["notifications"])

PAGE_LIMIT = 100


class NotificationOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None


class NotificationPage(Schema):
    count: int
    unread: int
    results: list[NotificationOut]


class ReadAllOut(Schema):
    marked: int


def _out(request: HttpRequest, n: object) -> dict[str, object]:
    return {
        "id": n.pk,  # type: ignore[attr-defined]
        "kind": n.kind,  # type: ignore[attr-defined]
        "kind_label": n.kind_label,  # type: ignore[attr-defined]
        "title": n.title,  # type: ignore[attr-defined]
        "body": n.body,  # type: ignore[attr-defined]
        "url": n.url if selectors.link_opens_for(request.user, n) else "",  # type: ignore[arg-type,attr-defined]
        "created_at": n.created_at,  # type: ignore[attr-defined]
        "read_at": n.read_at,  # type: ignore[attr-defined]
    }


@router.get("/", response=NotificationPage, summary="اعلان‌های من")
def list_mine(request: HttpRequest, unread: bool = False, offset: int = 0, limit: int = 50) -> dict[str, object]:
    limit = max(1, min(limit, PAGE_LIMIT))
    # Beyond any real list, and inside a 64-bit OFFSET: ?offset=2**64 is an empty page, not a database error.
    offset = max(0, min(offset, 10**9))
    notifications = selectors.with_targets(selectors.notification_list(request.user, unread_only=unread))
    return {
        "count": notifications.count(),
        "unread": selectors.unread_count(request.user),
        "results": [_out(request, n) for n in notifications[offset : offset + limit]],
    }


@router.post("/{int:notification_id}/read", response=NotificationOut, summary="خواندن یک اعلان")
def mark_read(request: HttpRequest, notification_id: int) -> dict[str, object]:
    notification = selectors.get_notification_or_404(request.user, notification_id)
    return _out(request, services.notification_mark_read(notification=notification, by=request.user))


@router.post("/read-all", response=ReadAllOut, summary="خواندن همه اعلان‌ها")
def mark_all_read(request: HttpRequest) -> dict[str, int]:
    return {"marked": services.notifications_mark_all_read(by=request.user)}
