"""The opinion map of a problem: short statements and the members' stances on them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hamafza.persian import search_key
from hamafza.roundtables.models.problems import Problem

STATEMENT_LIMIT = 280
_CLOSING_PUNCTUATION = " .!?؟،,؛;…"


def statement_key(text: str) -> str:
    """Two statements are the same when they differ only in spelling variants, spaces or a closing mark."""
    return search_key(text).rstrip(_CLOSING_PUNCTUATION)[:STATEMENT_LIMIT]


class StatementStatus(models.TextChoices):
    PENDING = "pending", "در انتظار تأیید"
    APPROVED = "approved", "تأییدشده"
    REJECTED = "rejected", "ردشده"


class Statement(models.Model):
    problem = models.ForeignKey(Problem, verbose_name="مسئله", on_delete=models.CASCADE, related_name="statements")
    text = models.CharField("گزاره", max_length=STATEMENT_LIMIT)
    # The duplicate check's form: search_key without closing punctuation («… است.» = «… است»).
    text_key = models.CharField(max_length=STATEMENT_LIMIT, editable=False, db_index=True, default="")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("زمان ثبت", auto_now_add=True)
    # A member's statement is approved as written; a citizen's waits for the table's secretary.
    status = models.CharField(
        "وضعیت", max_length=10, choices=StatementStatus.choices, default=StatementStatus.APPROVED, db_index=True
    )
    held_rules = models.CharField("قواعد زیر پا گذاشته (بررسی خودکار)", max_length=100, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("زمان تصمیم", null=True, blank=True)

    class Meta:
        verbose_name = "گزاره"
        verbose_name_plural = "گزاره‌ها"
        ordering = ["problem_id", "id"]
        constraints = [models.UniqueConstraint(fields=["problem", "text"], name="statement_once")]
        # The proposal flood guard counts one author's recent proposals.
        indexes = [models.Index(fields=["author", "created_at"], name="statement_author_time_idx")]

    def __str__(self) -> str:
        return self.text

    @property
    def is_approved(self) -> bool:
        return self.status == StatementStatus.APPROVED

    @property
    def held_rule_labels(self) -> list[str]:
        """The comment rules the automatic check found, in the words the comment box publishes."""
        from hamafza.moderation import RULE_LABELS

        return [RULE_LABELS.get(rule, rule) for rule in self.held_rules.split(",") if rule]


class Stance(models.IntegerChoices):
    AGREE = 1, "موافقم"
    PASS = 0, "نظری ندارم"
    DISAGREE = -1, "مخالفم"


class StatementVote(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField("موضع", choices=Stance.choices)

    class Meta:
        verbose_name = "موضع درباره گزاره"
        verbose_name_plural = "موضع‌ها درباره گزاره‌ها"
        constraints = [models.UniqueConstraint(fields=["statement", "user"], name="statement_vote_once")]

    def __str__(self) -> str:
        return str(self.value)
