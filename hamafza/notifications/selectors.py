from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import QuerySet
from django.http import Http404

from hamafza.notifications.kinds import all_kinds, get_kind
from hamafza.notifications.models import Channel, Notification, NotificationPreference


def notifications_visible_to(user: Any) -> QuerySet[Notification]:
    """A person sees only their own notifications; nobody else's, whatever their role."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def can_see_notification(user: Any, notification: Notification) -> bool:
    return getattr(user, "is_authenticated", False) and notification.recipient_id == user.pk


def get_notification_or_404(user: Any, pk: Any) -> Notification:
    notification = notifications_visible_to(user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def notification_list(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    notifications = notifications_visible_to(user).order_by("-created_at", "-id")
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications


def with_targets(notifications: QuerySet[Notification]) -> QuerySet[Notification]:
    """Fetch the targets that kinds' ``can_open`` read: one query per kind of target, however many rows."""
    querysets = {}
    for kind in all_kinds():
        if kind.target_queryset is not None:
            queryset = kind.target_queryset()
            querysets[queryset.model] = queryset
    if not querysets:
        return notifications
    return notifications.prefetch_related(GenericPrefetch("target", list(querysets.values())))


def unread_count(user: Any) -> int:
    return notifications_visible_to(user).filter(read_at__isnull=True).count()


def link_opens_for(user: Any, notification: Notification) -> bool:
    """Whether the notification's link should be shown: present, and (if its kind says how) still open to them."""
    if not notification.url:
        return False
    kind = get_kind(notification.kind)
    if kind is None or kind.can_open is None:
        return True
    try:
        return bool(kind.can_open(user, notification))
    except Exception:  # a broken checker must hide a link, never break the page
        return False


def preferences_of(user: Any) -> dict[str, bool]:
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("channel", "is_enabled"))
    return {
        Channel.IN_APP: True,
        Channel.EMAIL: chosen.get(Channel.EMAIL, False),
        Channel.SMS: chosen.get(Channel.SMS, False),
    }
