"""``notify``: one service every module calls; in-app always, email and SMS by each person's choice."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from hamafza.core.errors import DomainError
from hamafza.core.models import AuditEntry
from hamafza.notifications.models import Notification
from hamafza.notifications.services import (
    notification_mark_read,
    notification_preferences_set,
    notifications_mark_all_read,
    notify,
    notify_once,
)

pytestmark = pytest.mark.django_db


def test_notify_tells_each_recipient_once_and_counts_them(zahra: Any, hossein: Any) -> None:
    sent = notify(
        recipients=[zahra, hossein, zahra, None], kind="tests.hello", title="درخواست  شما پاسخ گرفت", by=hossein
    )

    assert sent == 2
    assert Notification.objects.filter(recipient=zahra).count() == 1
    notification = Notification.objects.get(recipient=zahra)
    assert notification.title == "درخواست شما پاسخ گرفت"  # normalized
    assert notification.kind_label == "سلام آزمایشی"
    assert notification.actor == hossein
    assert AuditEntry.objects.filter(action="notifications.sent").exists()


def test_an_inactive_account_is_not_told(zahra: Any, hossein: Any) -> None:
    hossein.is_active = False
    hossein.save(update_fields=["is_active"])
    assert notify(recipients=[zahra, hossein], kind="tests.hello", title="سلام") == 1


def test_an_unregistered_kind_is_a_programming_error(zahra: Any) -> None:
    with pytest.raises(ValueError, match="not registered"):
        notify(recipients=[zahra], kind="nobody.registered.this", title="سلام")


def test_a_link_to_another_site_is_refused(zahra: Any) -> None:
    with pytest.raises(DomainError):
        notify(recipients=[zahra], kind="tests.hello", title="سلام", url="https://evil.example/")
    with pytest.raises(DomainError):
        notify(recipients=[zahra], kind="tests.hello", title="سلام", url="//evil.example/")
    assert not Notification.objects.exists()


def test_target_is_kept_so_a_reminder_is_sent_once(zahra: Any, hossein: Any) -> None:
    first = notify_once(recipients=[zahra], kind="tests.hello", title="یادآوری", target=hossein)
    again = notify_once(recipients=[zahra, hossein], kind="tests.hello", title="یادآوری", target=hossein)

    assert (first, again) == (1, 1)  # only hossein is new the second time
    assert Notification.objects.get(recipient=zahra).target == hossein


def test_in_app_only_by_default_no_email_no_sms(
    zahra: Any, sms_outbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[zahra], kind="tests.hello", title="سلام")
    assert mail.outbox == []
    assert sms_outbox == []


def test_chosen_channels_send_email_and_sms_after_commit(
    zahra: Any, sms_outbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    notification_preferences_set(user=zahra, email=True, sms=True, by=zahra)

    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[zahra], kind="tests.hello", title="جلسه فردا", body="ساعت ۱۰ در سالن", url="/notifications/")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zahra@example.ir"]
    assert "جلسه فردا" in mail.outbox[0].subject
    assert "ساعت ۱۰ در سالن" in mail.outbox[0].body
    assert [m.mobile for m in sms_outbox] == ["09171000004"]
    notification = Notification.objects.get()
    assert notification.emailed_at is not None and notification.texted_at is not None


def test_delivering_twice_sends_nothing_twice(
    zahra: Any, sms_outbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    from hamafza.notifications.tasks import deliver_notifications

    notification_preferences_set(user=zahra, email=True, sms=True, by=zahra)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[zahra], kind="tests.hello", title="سلام")
    deliver_notifications([Notification.objects.get().pk])
    assert len(mail.outbox) == 1 and len(sms_outbox) == 1


def test_email_needs_an_address_and_sms_a_mobile(hossein: Any) -> None:
    with pytest.raises(DomainError, match="رایانامه"):
        notification_preferences_set(user=hossein, email=True, sms=False, by=hossein)
    with pytest.raises(DomainError, match="همراه"):
        notification_preferences_set(user=hossein, email=False, sms=True, by=hossein)


def test_nobody_sets_another_persons_channels(zahra: Any, hossein: Any) -> None:
    with pytest.raises(DomainError):
        notification_preferences_set(user=zahra, email=True, sms=False, by=hossein)


def test_reading_is_idempotent_and_only_for_the_recipient(zahra: Any, hossein: Any) -> None:
    notify(recipients=[zahra], kind="tests.hello", title="سلام")
    notification = Notification.objects.get()
    with pytest.raises(DomainError):
        notification_mark_read(notification=notification, by=hossein)
    first = notification_mark_read(notification=notification, by=zahra).read_at
    notification.refresh_from_db()
    again = notification_mark_read(notification=notification, by=zahra).read_at
    assert first == again


def test_mark_all_read_touches_only_my_notifications(zahra: Any, hossein: Any) -> None:
    notify(recipients=[zahra, hossein], kind="tests.hello", title="سلام")
    notify(recipients=[zahra], kind="tests.hello", title="دوباره سلام")
    assert notifications_mark_all_read(by=zahra) == 2
    assert Notification.objects.filter(recipient=hossein, read_at__isnull=True).count() == 1
