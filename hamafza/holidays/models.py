from __future__ import annotations

from django.db import models

from hamafza.persian import format_jalali_date


class Holiday(models.Model):
    """One official holiday (a day off besides the weekend); several occasions on one day are one row."""

    date = models.DateField("تاریخ", unique=True)
    title = models.CharField("مناسبت", max_length=300)
    is_official = models.BooleanField(
        "تعطیل رسمی",
        default=True,
        help_text="روزهای غیررسمی (مثلاً تعطیلی استانی) ثبت می‌شوند ولی در شمارش روزهای کاری به حساب نمی‌آیند.",
    )

    class Meta:
        verbose_name = "روز تعطیل"
        verbose_name_plural = "روزهای تعطیل"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{format_jalali_date(self.date)} — {self.title}"
