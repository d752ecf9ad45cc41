from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from hamafza.notifications.kinds import label_of


class Channel(models.TextChoices):
    IN_APP = "in_app", "درون سامانه"
    EMAIL = "email", "رایانامه"
    SMS = "sms", "پیامک"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="گیرنده", on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("نوع", max_length=80, db_index=True)
    title = models.CharField("عنوان", max_length=300)
    body = models.TextField("متن", blank=True)
    url = models.CharField("پیوند", max_length=500, blank=True)
    target_type = models.ForeignKey(
        ContentType, verbose_name="نوع موضوع", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.CharField("شناسه موضوع", max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="فرستنده",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("زمان", auto_now_add=True, db_index=True)
    read_at = models.DateTimeField("زمان خواندن", null=True, blank=True)
    emailed_at = models.DateTimeField("زمان فرستادن رایانامه", null=True, blank=True)
    texted_at = models.DateTimeField("زمان فرستادن پیامک", null=True, blank=True)

    class Meta:
        verbose_name = "اعلان"
        verbose_name_plural = "اعلان‌ها"
        ordering = ["-created_at", "-id"]
        indexes = [
            # The bell: "how many unread for me" is one index range.
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            # A person's list, newest first, paged by cursor (notifications.views.notification_list).
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_list_idx"),
            # "Was this person already told about this object?" (overdue reminders are sent once).
            models.Index(fields=["kind", "target_type", "target_id"], name="notification_target_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        return label_of(self.kind)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A person's choice for one channel; in-app is always on and has no row."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="کاربر",
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    channel = models.CharField("مسیر", max_length=10, choices=Channel.choices)
    is_enabled = models.BooleanField("فعال", default=False)
    updated_at = models.DateTimeField("زمان تغییر", auto_now=True)

    class Meta:
        verbose_name = "ترجیح اعلان"
        verbose_name_plural = "ترجیحات اعلان"
        constraints = [models.UniqueConstraint(fields=["user", "channel"], name="notification_pref_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_channel_display()}"
