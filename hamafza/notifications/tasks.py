"""Email and SMS for notifications, outside the request (eager in the embedded mode)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

from hamafza.notifications.models import Channel, Notification, NotificationPreference
from hamafza.notifications.sms import SmsMessage, get_sms_backend


def _site_url(path: str) -> str:
    base = getattr(settings, "HAMAFZA_SITE_URL", "").rstrip("/")
    return f"{base}{path}" if base and path else path


def _text_of(notification: Notification) -> str:
    parts = [notification.title]
    if notification.body:
        parts.append(notification.body)
    if notification.url:
        parts.append(_site_url(notification.url))
    return "\n\n".join(parts)


@shared_task
def deliver_notifications(notification_ids: list[int]) -> dict[str, int]:
    """Send the chosen channels of these notifications; each channel at most once per notification."""
    notifications = list(
        Notification.objects.filter(pk__in=notification_ids).select_related("recipient").order_by("pk")
    )
    enabled = set(
        NotificationPreference.objects.filter(
            user_id__in={n.recipient_id for n in notifications}, is_enabled=True
        ).values_list("user_id", "channel")
    )
    emails = [
        n
        for n in notifications
        if n.emailed_at is None and n.recipient.email and (n.recipient_id, Channel.EMAIL) in enabled
    ]
    texts = [
        n
        for n in notifications
        if n.texted_at is None and n.recipient.mobile and (n.recipient_id, Channel.SMS) in enabled
    ]
    sent_email = 0
    if emails:
        prefix = getattr(settings, "HAMAFZA_PUBLIC_NAME", "هم‌افزا")
        messages = [
            EmailMessage(subject=f"{prefix}: {n.title}", body=_text_of(n), to=[n.recipient.email]) for n in emails
        ]
        sent_email = get_connection().send_messages(messages) or 0
        Notification.objects.filter(pk__in=[n.pk for n in emails], emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
    sent_sms = 0
    if texts:
        sent_sms = get_sms_backend().send_messages([SmsMessage(n.recipient.mobile, _text_of(n)) for n in texts])
        Notification.objects.filter(pk__in=[n.pk for n in texts], texted_at__isnull=True).update(
            texted_at=timezone.now()
        )
    return {"email": sent_email, "sms": sent_sms}
