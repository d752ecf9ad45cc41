"""Every write to notifications: sending (``notify``), reading, and each person's channel choices.

``notify`` is the one door every module uses. It stores the in-app notifications in one bulk insert and, after
the transaction commits, hands email and SMS to a background task — so a slow mail server never holds a request
and a rolled-back action never tells anyone anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError
from hamafza.notifications.kinds import get_kind
from hamafza.notifications.models import Channel, Notification, NotificationPreference
from hamafza.persian import normalize

TITLE_LIMIT = 300


def _is_local_url(url: str) -> bool:
    # Only paths of this site: a notification must never send a person elsewhere.
    return url.startswith("/") and not url.startswith("//") and "\\" not in url


def _unique_recipients(recipients: Iterable[Any]) -> list[Any]:
    seen: set[int] = set()
    people = []
    for person in recipients:
        if person is None or not getattr(person, "pk", None) or not getattr(person, "is_active", True):
            continue
        if person.pk not in seen:
            seen.add(person.pk)
            people.append(person)
    return people


@transaction.atomic
def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    target: models.Model | None = None,
    by: Any = None,
) -> int:
    """Tell ``recipients`` (each once, inactive accounts skipped) about something; returns how many were told."""
    if get_kind(kind) is None:
        raise ValueError(f"notification kind {kind!r} is not registered; call kinds.register_kind in AppConfig.ready")
    if url and not _is_local_url(url):
        raise DomainError("پیوند اعلان باید نشانی صفحه‌ای از همین سامانه باشد.")
    title = normalize(title)[:TITLE_LIMIT]
    if not title:
        raise DomainError("عنوان اعلان خالی است.")
    people = _unique_recipients(recipients)
    if not people:
        return 0
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    actor = by if getattr(by, "pk", None) else None
    created = Notification.objects.bulk_create(
        [
            Notification(
                recipient=person,
                kind=kind,
                title=title,
                body=normalize(body),
                url=url,
                target_type=target_type,
                target_id=str(target.pk) if target is not None else "",
                actor=actor,
            )
            for person in people
        ]
    )
    audit(
        actor=by,
        action="notifications.sent",
        target=target,
        data={"kind": kind, "recipients": [person.pk for person in people]},
    )
    _schedule_delivery(people, created)
    return len(created)


def _schedule_delivery(people: list[Any], created: list[Notification]) -> None:
    wants_more = set(
        NotificationPreference.objects.filter(
            user_id__in=[person.pk for person in people], is_enabled=True, channel__in=[Channel.EMAIL, Channel.SMS]
        ).values_list("user_id", flat=True)
    )
    # bulk_create returns primary keys on SQLite and PostgreSQL alike.
    ids = [n.pk for n in created if n.recipient_id in wants_more and n.pk]
    if ids:
        from hamafza.notifications.tasks import deliver_notifications

        transaction.on_commit(lambda: deliver_notifications.delay(ids))


@transaction.atomic
def notify_once(
    *,
    recipients: Iterable[Any],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    target: models.Model,
    by: Any = None,
) -> int:
    """``notify``, skipping whoever was already told of this ``kind`` about this ``target`` (reminders, overdue)."""
    people = _unique_recipients(recipients)
    told = set(
        Notification.objects.filter(
            kind=kind,
            target_type=ContentType.objects.get_for_model(target),
            target_id=str(target.pk),
            recipient_id__in=[p.pk for p in people],
        ).values_list("recipient_id", flat=True)
    )
    return notify(
        recipients=[p for p in people if p.pk not in told],
        kind=kind,
        title=title,
        body=body,
        url=url,
        target=target,
        by=by,
    )


@transaction.atomic
def notification_mark_read(*, notification: Notification, by: Any) -> Notification:
    if notification.recipient_id != getattr(by, "pk", None):
        # Callers fetch through selectors.get_notification_or_404; this guards any other path.
        raise DomainError("این اعلان از آن شما نیست.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        # A double click is harmless: only the first read sets the time.
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


@transaction.atomic
def notifications_mark_all_read(*, by: Any) -> int:
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_set(*, user: Any, email: bool, sms: bool, by: Any) -> dict[str, bool]:
    if getattr(by, "pk", None) != user.pk:
        raise DomainError("هر کس فقط مسیرهای اعلان خودش را انتخاب می‌کند.")
    if email and not user.email:
        raise DomainError("برای گرفتن اعلان با رایانامه، نخست نشانی رایانامه را در مشخصات خود ثبت کنید.")
    if sms and not user.mobile:
        raise DomainError("برای گرفتن اعلان با پیامک، نخست شماره همراه را در مشخصات خود ثبت کنید.")
    choices = {Channel.EMAIL: email, Channel.SMS: sms}
    for channel, enabled in choices.items():
        NotificationPreference.objects.update_or_create(user=user, channel=channel, defaults={"is_enabled": enabled})
    audit(actor=by, action="notifications.preferences.changed", target=user, data={"email": email, "sms": sms})
    return {str(channel): enabled for channel, enabled in choices.items()}
