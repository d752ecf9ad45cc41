"""A table's problem cores: their root causes, solutions and the members' scores."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hamafza.core.models import TimeStampedModel
from hamafza.persian import collation_key_str, normalize
from hamafza.programs.models import Program
from hamafza.roundtables.models.tables import Roundtable
from hamafza.voice.models import Comment


class ProblemSource(models.TextChoices):
    MEMBER = "member", "طرح‌شده از سوی اعضا"
    CITIZEN = "citizen", "برگرفته از انتقاد مردم"


class ProblemStatus(models.TextChoices):
    OPEN = "open", "طرح مسئله"
    DIAGNOSED = "diagnosed", "آسیب‌شناسی‌شده"
    PROGRAMMED = "programmed", "در حال اجرا (برنامه)"


class Problem(TimeStampedModel):
    table = models.ForeignKey(Roundtable, verbose_name="میز", on_delete=models.CASCADE, related_name="problems")
    title = models.CharField("عنوان مسئله", max_length=300)
    description = models.TextField("شرح")
    source = models.CharField("منشأ", max_length=10, choices=ProblemSource.choices, default=ProblemSource.MEMBER)
    critique = models.ForeignKey(
        Comment, verbose_name="انتقاد مردمی", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diagnosis = models.TextField("آسیب‌شناسی", blank=True)
    status = models.CharField("وضعیت", max_length=12, choices=ProblemStatus.choices, default=ProblemStatus.OPEN)
    program = models.OneToOneField(
        Program,
        verbose_name="برنامه اجرایی",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roundtable_problem",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_public = models.BooleanField("عمومی", default=False)
    published_at = models.DateTimeField("زمان انتشار", null=True, blank=True)
    sort_key = models.CharField(max_length=600, editable=False, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "مسئله"
        verbose_name_plural = "مسئله‌ها"
        ordering = ["sort_key", "id"]

    def __str__(self) -> str:
        return self.title

    def fill_keys(self) -> None:
        self.title = normalize(self.title)
        self.sort_key = collation_key_str(self.title, max_length=self._meta.get_field("sort_key").max_length)

    @property
    def is_published(self) -> bool:
        return self.is_public and self.published_at is not None


class RootCause(models.Model):
    problem = models.ForeignKey(Problem, verbose_name="مسئله", on_delete=models.CASCADE, related_name="root_causes")
    text = models.CharField("ریشه", max_length=300)
    evidence = models.TextField("شواهد", blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "ریشه مسئله"
        verbose_name_plural = "ریشه‌های مسئله"
        ordering = ["problem_id", "id"]

    def __str__(self) -> str:
        return self.text


SCORE_MAX = 5


class Solution(models.Model):
    problem = models.ForeignKey(Problem, verbose_name="مسئله", on_delete=models.CASCADE, related_name="solutions")
    title = models.CharField("راهکار", max_length=300)
    description = models.TextField("شرح", blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_chosen = models.BooleanField("برگزیده", default=False)
    created_at = models.DateTimeField("زمان ثبت", auto_now_add=True)

    class Meta:
        verbose_name = "راهکار"
        verbose_name_plural = "راهکارها"
        ordering = ["problem_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["problem"], condition=models.Q(is_chosen=True), name="solution_one_chosen_per_problem"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SolutionScore(models.Model):
    """Score voting: each member gives every solution 0–5; a later score replaces the earlier one."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="scores")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField("امتیاز")

    class Meta:
        verbose_name = "امتیاز راهکار"
        verbose_name_plural = "امتیازهای راهکار"
        constraints = [
            models.UniqueConstraint(fields=["solution", "user"], name="solution_score_once"),
            models.CheckConstraint(name="solution_score_range", condition=models.Q(score__lte=SCORE_MAX)),
        ]

    def __str__(self) -> str:
        return str(self.score)


# --- Opinion map ----------------------------------------------------------------------------------------------
