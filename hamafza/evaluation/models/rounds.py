"""Rounds, the units evaluated in them, inspector assignments, answers and evidence."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hamafza.core.models import TimeStampedModel
from hamafza.evaluation.models.frameworks import ChecklistItem, FrameworkVersion
from hamafza.organizations.models import Organization
from hamafza.persian import format_number


class RoundState(models.TextChoices):
    DRAFT = "draft", "پیش‌نویس"
    SELF_ASSESSMENT = "self_assessment", "خوداظهاری"
    FIELD_INSPECTION = "field_inspection", "بازدید میدانی"
    REVIEW = "review", "بررسی"
    OBJECTION = "objection", "مهلت اعتراض"
    FINALIZED = "finalized", "نهایی (قفل)"
    PUBLISHED = "published", "منتشرشده"


# Once a round reaches these states nothing about its answers, scores or evidence may change.
LOCKED_STATES = frozenset({RoundState.FINALIZED, RoundState.PUBLISHED})


class Round(TimeStampedModel):
    office = models.ForeignKey(
        Organization, verbose_name="دفتر ارزیابی", on_delete=models.PROTECT, related_name="evaluation_rounds"
    )
    framework_version = models.ForeignKey(
        FrameworkVersion, verbose_name="نسخه چارچوب", on_delete=models.PROTECT, related_name="rounds"
    )
    previous_round = models.ForeignKey(
        "self", verbose_name="دوره قبل", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    code = models.SlugField("کد", max_length=60, unique=True)
    title = models.CharField("عنوان", max_length=200)
    state = models.CharField("وضعیت", max_length=20, choices=RoundState.choices, default=RoundState.DRAFT)
    self_assessment_due = models.DateField("مهلت خوداظهاری", null=True, blank=True)
    inspection_starts = models.DateField("آغاز بازدید", null=True, blank=True)
    inspection_ends = models.DateField("پایان بازدید", null=True, blank=True)
    objection_due = models.DateField("مهلت اعتراض", null=True, blank=True)
    finalized_at = models.DateTimeField("زمان نهایی شدن", null=True, blank=True)
    published_at = models.DateTimeField("زمان انتشار", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "دوره ارزیابی"
        verbose_name_plural = "دوره‌های ارزیابی"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_locked(self) -> bool:
        return self.state in LOCKED_STATES


class RoundUnit(models.Model):
    """One organization evaluated in one round, with its computed result."""

    round = models.ForeignKey(Round, verbose_name="دوره", on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(Organization, verbose_name="واحد", on_delete=models.PROTECT, related_name="round_units")
    self_submitted_at = models.DateTimeField("زمان ارسال خوداظهاری", null=True, blank=True)
    inspection_submitted_at = models.DateTimeField("زمان ارسال بازدید", null=True, blank=True)
    strengths = models.TextField("نقاط قوت (از نگاه واحد)", blank=True)
    weaknesses = models.TextField("نقاط ضعف (از نگاه واحد)", blank=True)
    fraction = models.FloatField("نسبت امتیاز", null=True, blank=True)
    total = models.FloatField("امتیاز کل", null=True, blank=True)
    band = models.CharField("طبقه", max_length=30, blank=True)
    rank = models.PositiveIntegerField("رتبه", null=True, blank=True)
    change = models.FloatField("تغییر نسبت به دوره قبل", null=True, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "واحد ارزیابی‌شونده"
        verbose_name_plural = "واحدهای ارزیابی‌شونده"
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="round_unit_unique")]
        # The dashboard's counts per round, units and submitted self-assessments, read from the index alone
        # (hamafza.evaluation.selectors.rounds_for_manager).
        indexes = [models.Index(fields=["round", "self_submitted_at"], name="roundunit_round_submitted")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.round}"


class Assignment(models.Model):
    round_unit = models.ForeignKey(RoundUnit, on_delete=models.CASCADE, related_name="assignments")
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="بازرس", on_delete=models.PROTECT, related_name="inspections"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "تخصیص بازرس"
        verbose_name_plural = "تخصیص‌های بازرس"
        constraints = [models.UniqueConstraint(fields=["round_unit", "inspector"], name="assignment_unique")]

    def __str__(self) -> str:
        return f"{self.inspector} → {self.round_unit}"


class AnswerSource(models.TextChoices):
    SELF = "self", "خوداظهاری"
    INSPECTION = "inspection", "بازدید"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "در انتظار بررسی"
    APPROVED = "approved", "تأیید"
    HAS_ISSUES = "has_issues", "دارای ایراد"
    RETURNED = "returned", "بازگشت به واحد"


class Answer(models.Model):
    """One answer to one checklist item for one unit, by the unit itself or by one inspector."""

    round_unit = models.ForeignKey(RoundUnit, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="answers")
    source = models.CharField(max_length=12, choices=AnswerSource.choices)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    value_number = models.FloatField("مقدار", null=True, blank=True)
    value_text = models.TextField("پاسخ متنی", blank=True)
    is_not_applicable = models.BooleanField("موضوعیت ندارد", default=False)
    note = models.TextField("یادداشت", blank=True)
    review_status = models.CharField(max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    review_comment = models.TextField("نظر بررسی", blank=True)
    # Client-generated id of the last submission applied: a resend after a flaky connection is recognised.
    client_token = models.CharField(max_length=64, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "پاسخ"
        verbose_name_plural = "پاسخ‌ها"
        constraints = [
            models.UniqueConstraint(
                fields=["round_unit", "item", "source", "inspector"], name="answer_unique_per_source"
            ),
            models.UniqueConstraint(
                fields=["round_unit", "item", "source"],
                condition=models.Q(inspector__isnull=True),
                name="answer_unique_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} ({self.get_source_display()})"

    @property
    def display_value(self) -> str:
        """The answer as a person reads it: بله/خیر, a number in Persian digits, or the text."""
        if self.is_not_applicable:
            return "موضوعیت ندارد"
        if self.value_number is None:
            return self.value_text
        if self.item.item_type == "yes_no":
            return "بله" if self.value_number >= 1 else "خیر"
        number = self.value_number
        return format_number(int(number) if float(number).is_integer() else number)


class AnswerVector(models.Model):
    """Every answer of one unit, packed for the re-score: one 24-byte record an answer (unit id, item id × 4 +
    inspection? × 2 + not applicable?, value or NaN; big-endian, as ``scoring._answers`` reads them).

    PostgreSQL only, and never written from Python: a statement trigger on ``evaluation_answer`` (migration
    0004) rebuilds the rows of the units a statement touched, whoever wrote it — a service, a bulk load (a
    restore brings the rows back with the rest of the dump). A national re-score then reads 3,100 rows instead of aggregating 465,000 answers (195 ms → ~70 ms,
    20 of them in the server; the rest is the 11 MB crossing to Python).
    On SQLite the table stays empty and the re-score reads the answers themselves.
    """

    round_unit = models.OneToOneField(RoundUnit, on_delete=models.CASCADE, primary_key=True, related_name="+")
    data = models.BinaryField()

    class Meta:
        verbose_name = "بردار پاسخ‌ها"
        verbose_name_plural = "بردارهای پاسخ‌ها"

    def __str__(self) -> str:
        return f"{self.round_unit_id}: {len(self.data) // 24} پاسخ"


def evidence_path(instance: Evidence, filename: str) -> str:
    # ``filename`` is generated by the service (hamafza.core.uploads.generated_name), never the person's own.
    return f"evidence/{instance.round_unit.round_id}/{instance.round_unit_id}/{filename}"


class Evidence(models.Model):
    round_unit = models.ForeignKey(RoundUnit, on_delete=models.CASCADE, related_name="evidence")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("پرونده", upload_to=evidence_path, max_length=300)
    original_name = models.CharField("نام اصلی پرونده", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "مستند"
        verbose_name_plural = "مستندات"

    def __str__(self) -> str:
        return self.original_name


class NodeScore(models.Model):
    """A computed score of one axis or indicator for one unit; rewritten whole when a round is re-scored."""

    round_unit = models.ForeignKey(RoundUnit, on_delete=models.CASCADE, related_name="node_scores")
    axis = models.ForeignKey("evaluation.Axis", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(
        "evaluation.Indicator", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    fraction = models.FloatField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["round_unit", "axis"], name="nodescore_unit_axis_idx")]

    def __str__(self) -> str:
        return f"{self.round_unit_id}: {self.fraction}"
