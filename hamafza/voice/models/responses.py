"""Answered critique: a critique or suggestion about an agency, its deadline, status and public answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hamafza.organizations.models import Organization
from hamafza.voice.models.comments import Comment

RESPONSE_WORKING_DAYS = 10


class ResponseStatus(models.TextChoices):
    RECEIVED = "received", "دریافت شد"
    UNDER_REVIEW = "under_review", "در دست بررسی"
    ANSWERED = "answered", "پاسخ داده شد"
    ACTED = "acted", "اقدام شد"


RESPONSE_ORDER = [ResponseStatus.RECEIVED, ResponseStatus.UNDER_REVIEW, ResponseStatus.ANSWERED, ResponseStatus.ACTED]


class AgencyResponse(models.Model):
    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="response")
    organization = models.ForeignKey(
        Organization, verbose_name="دستگاه", on_delete=models.PROTECT, related_name="voice_responses"
    )
    status = models.CharField("وضعیت", max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.RECEIVED)
    received_at = models.DateTimeField("زمان دریافت", db_index=True)
    due_on = models.DateField("مهلت پاسخ")
    answer = models.TextField("پاسخ دستگاه", blank=True)
    answered_at = models.DateTimeField("زمان پاسخ", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "پاسخ دستگاه"
        verbose_name_plural = "پاسخ‌های دستگاه"
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.get_status_display()

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def on_time(self) -> bool | None:
        if self.answered_at is None:
            return None
        return self.answered_at.date() <= self.due_on
