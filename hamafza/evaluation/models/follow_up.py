"""What a round leads to: objections, findings, root causes (عارضه‌یابی) and corrective actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hamafza.core.models import TimeStampedModel
from hamafza.evaluation.models.rounds import Answer, RoundUnit
from hamafza.organizations.models import Organization


class ObjectionDecision(models.TextChoices):
    PENDING = "pending", "در انتظار تصمیم"
    ACCEPTED = "accepted", "پذیرفته شد"
    REJECTED = "rejected", "رد شد"


class Objection(TimeStampedModel):
    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="objection")
    text = models.TextField("متن اعتراض")
    attachment = models.FileField("پیوست", upload_to="objections/", blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decision = models.CharField(
        "تصمیم", max_length=10, choices=ObjectionDecision.choices, default=ObjectionDecision.PENDING
    )
    decision_note = models.TextField("توضیح تصمیم", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "اعتراض"
        verbose_name_plural = "اعتراض‌ها"


class FindingKind(models.TextChoices):
    STRENGTH = "strength", "نقطه قوت"
    WEAKNESS = "weakness", "نقطه ضعف"


class Finding(TimeStampedModel):
    round_unit = models.ForeignKey(RoundUnit, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField("نوع", max_length=10, choices=FindingKind.choices)
    text = models.TextField("شرح")
    axis = models.ForeignKey(
        "evaluation.Axis", verbose_name="محور", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    theme = models.CharField("موضوع", max_length=120, blank=True, db_index=True)
    # The HQ department a weakness is routed to in the roll-up of challenges.
    department = models.ForeignKey(
        Organization,
        verbose_name="واحد ستادی مسئول",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="routed_findings",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "یافته"
        verbose_name_plural = "یافته‌ها"


class RootCause(TimeStampedModel):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="root_causes")
    text = models.TextField("علت ریشه‌ای")

    class Meta:
        verbose_name = "علت ریشه‌ای (عارضه‌یابی)"
        verbose_name_plural = "علت‌های ریشه‌ای"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "شروع نشده"
    IN_PROGRESS = "in_progress", "در حال انجام"
    CONSTRAINED = "constrained", "دارای مانع"
    COMPLETED = "completed", "انجام شد"
    DISCONTINUED = "discontinued", "متوقف شد"


class CorrectiveAction(TimeStampedModel):
    root_cause = models.ForeignKey(RootCause, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField("اقدام اصلاحی", max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="مسئول",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrective_actions",
    )
    owner_organization = models.ForeignKey(
        Organization, verbose_name="واحد مسئول", on_delete=models.PROTECT, related_name="corrective_actions"
    )
    due_date = models.DateField("مهلت")
    status = models.CharField("وضعیت", max_length=15, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    progress = models.PositiveSmallIntegerField("پیشرفت (درصد)", default=0)
    status_note = models.TextField("توضیح وضعیت", blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "اقدام اصلاحی"
        verbose_name_plural = "اقدام‌های اصلاحی"
        ordering = ["due_date", "id"]
