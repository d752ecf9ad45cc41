from __future__ import annotations

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("زمان ایجاد", auto_now_add=True)
    updated_at = models.DateTimeField("زمان آخرین تغییر", auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One line of the append-only audit trail.

    Each entry stores a keyed hash (HMAC) of its content and of the one before it, so changing or deleting any
    row breaks the chain from that row on, and without the key nobody can re-sign it; ``hamafza audit-verify``
    walks the chain and names every entry that does not match.
    """

    seq = models.PositiveBigIntegerField("شماره", unique=True)
    created_at = models.DateTimeField("زمان", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="کاربر",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField("نام کاربر", max_length=200, blank=True)
    action = models.CharField("عمل", max_length=100, db_index=True)
    target_type = models.CharField("نوع هدف", max_length=100, blank=True, db_index=True)
    target_id = models.CharField("شناسه هدف", max_length=64, blank=True)
    target_label = models.CharField("عنوان هدف", max_length=300, blank=True)
    data = models.JSONField("جزئیات", default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # Which key signed this entry (keys rotate; the secret itself never enters the database).
    key_id = models.CharField("شناسه کلید", max_length=40, blank=True, default="")

    class Meta:
        verbose_name = "رویداد ممیزی"
        verbose_name_plural = "رویدادهای ممیزی"
        ordering = ["-seq"]
        # The audit page filters by target ("everything that happened to this organization").
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise RuntimeError("Audit entries are append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Audit entries are append-only.")
