"""Evaluation frameworks: axes → indicators → checklist items, versioned.

A version that a round has used is frozen; editing a frozen framework makes a new version, so a published
result always points at exactly the questions that were asked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hamafza.core.models import TimeStampedModel
from hamafza.organizations.models import Organization
from hamafza.persian import to_persian_digits


class ItemType(models.TextChoices):
    YES_NO = "yes_no", "بله / خیر"
    SCALE = "scale", "طیف (رتبه‌ای)"
    NUMBER = "number", "عدد"
    PERCENTAGE = "percentage", "درصد"
    TEXT = "text", "متن"
    FILE = "file", "پرونده"


SCORED_TYPES = frozenset({ItemType.YES_NO, ItemType.SCALE, ItemType.NUMBER, ItemType.PERCENTAGE})


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", "هرچه بیشتر بهتر"
    LOWER_IS_BETTER = "lower", "هرچه کمتر بهتر"


class Framework(TimeStampedModel):
    code = models.SlugField("کد", max_length=60, unique=True)
    title = models.CharField("عنوان", max_length=200)
    description = models.TextField("شرح", blank=True)
    owner = models.ForeignKey(
        Organization, verbose_name="دفتر ارزیابی مالک", on_delete=models.PROTECT, related_name="frameworks"
    )

    class Meta:
        verbose_name = "چارچوب ارزیابی"
        verbose_name_plural = "چارچوب‌های ارزیابی"

    def __str__(self) -> str:
        return self.title


class FrameworkVersion(models.Model):
    framework = models.ForeignKey(Framework, verbose_name="چارچوب", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("شماره نسخه")
    is_frozen = models.BooleanField("قفل‌شده", default=False)
    scale_total = models.PositiveIntegerField("سقف امتیاز", default=1000)
    # [{"code": "excellent", "label": "عالی", "min_fraction": 0.9}, ...]; empty means analytics.DEFAULT_BANDS.
    bands = models.JSONField("طبقه‌ها", default=list, blank=True)
    note = models.CharField("یادداشت نسخه", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "نسخه چارچوب"
        verbose_name_plural = "نسخه‌های چارچوب"
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="framework_version_unique")]
        ordering = ["framework", "-number"]

    def __str__(self) -> str:
        return f"{self.framework} — نسخه {to_persian_digits(self.number)}"


class Axis(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="axes")
    code = models.CharField("کد", max_length=40)
    title = models.CharField("عنوان", max_length=200)
    weight = models.FloatField("وزن")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "محور"
        verbose_name_plural = "محورها"
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="axis_code_unique")]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    axis = models.ForeignKey(Axis, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField("کد", max_length=40)
    title = models.CharField("عنوان", max_length=300)
    weight = models.FloatField("وزن")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "شاخص"
        verbose_name_plural = "شاخص‌ها"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class ChecklistItem(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="items")
    code = models.CharField("کد", max_length=40)
    title = models.CharField("پرسش", max_length=500)
    item_type = models.CharField("نوع", max_length=20, choices=ItemType.choices)
    weight = models.FloatField("وزن", default=1.0)
    direction = models.CharField("جهت", max_length=10, choices=Direction.choices, default=Direction.HIGHER_IS_BETTER)
    standard = models.FloatField("استاندارد / هدف", null=True, blank=True)
    scale_min = models.FloatField("کمینه طیف", null=True, blank=True)
    scale_max = models.FloatField("بیشینه طیف", null=True, blank=True)
    help_text = models.TextField("راهنما", blank=True)
    is_required = models.BooleanField("الزامی", default=True)
    is_evidence_required = models.BooleanField("مستندات الزامی", default=False)
    relevant_if_item = models.ForeignKey(
        "self", verbose_name="وابسته به پرسش", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    relevant_if_value = models.CharField("وقتی پاسخ آن برابر باشد با", max_length=100, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "پرسش چک‌لیست"
        verbose_name_plural = "پرسش‌های چک‌لیست"
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="item_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"
