from __future__ import annotations

from django.conf import settings
from django.db import models

from hamafza.core.models import TimeStampedModel
from hamafza.organizations.models import Organization
from hamafza.persian import collation_key_str, index_terms, normalize, search_key
from hamafza.places.models import County, Province


def program_search_terms(title: str, challenge: str = "", goals: str = "") -> str:
    terms = index_terms(f"{title}\n{challenge}\n{goals}")
    return f" {' '.join(terms)} " if terms else ""


class ProgramKind(models.TextChoices):
    # Engagement: an agency and one or more NGOs/stakeholders work to one plan.
    JOINT_PROGRAM = "joint_program", "برنامه عملیاتی مشترک"
    # Seed 001: a governor's key work for a Jalali period.
    KEY_WORK = "key_work", "کار شاخص"
    # Roundtables: the chosen solution of a problem core, carried out.
    CORE_EXECUTION = "core_execution", "برنامه اجرایی هسته"


class ProgramStatus(models.TextChoices):
    DRAFT = "draft", "پیش‌نویس"
    ACTIVE = "active", "در حال اجرا"
    COMPLETED = "completed", "پایان‌یافته"
    SUSPENDED = "suspended", "متوقف"


class Program(TimeStampedModel):
    owner = models.ForeignKey(
        Organization, verbose_name="دستگاه مسئول", on_delete=models.PROTECT, related_name="programs"
    )
    code = models.SlugField("کد", max_length=60, unique=True)
    title = models.CharField("عنوان", max_length=300)
    kind = models.CharField("نوع", max_length=20, choices=ProgramKind.choices, db_index=True)
    goals = models.TextField("اهداف", blank=True)
    challenge = models.CharField("چالش", max_length=200, blank=True, help_text="مانند: سکونتگاه‌های غیررسمی، پسماند")
    status = models.CharField("وضعیت", max_length=12, choices=ProgramStatus.choices, default=ProgramStatus.DRAFT)
    start_date = models.DateField("تاریخ آغاز", null=True, blank=True)
    end_date = models.DateField("تاریخ پایان", null=True, blank=True)
    province = models.ForeignKey(
        Province, verbose_name="استان", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    county = models.ForeignKey(
        County, verbose_name="شهرستان", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_public = models.BooleanField("عمومی", default=False)
    published_at = models.DateTimeField("زمان انتشار", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title_key = models.CharField(max_length=300, editable=False, db_index=True)
    sort_key = models.CharField(max_length=600, editable=False, db_index=True)
    # The Persian analyzer's index terms of title, challenge and goals, space-separated with a space at each
    # end, so " term " (or " prefix" for a word being typed) is one LIKE on either database.
    search_terms = models.TextField(editable=False, blank=True, default="")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "برنامه"
        verbose_name_plural = "برنامه‌ها"
        ordering = ["sort_key", "id"]
        indexes = [models.Index(fields=["is_public", "published_at"], name="program_public_idx")]
        constraints = [
            models.CheckConstraint(
                name="program_dates_in_order",
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def fill_keys(self) -> None:
        self.title = normalize(self.title)
        self.title_key = search_key(self.title)
        self.sort_key = collation_key_str(self.title, max_length=self._meta.get_field("sort_key").max_length)
        self.search_terms = program_search_terms(self.title, self.challenge, self.goals)

    @property
    def is_published(self) -> bool:
        return self.is_public and self.published_at is not None


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", "شروع نشده"
    IN_PROGRESS = "in_progress", "در حال انجام"
    BLOCKED = "blocked", "دارای مانع"
    DONE = "done", "انجام شد"


class Milestone(models.Model):
    program = models.ForeignKey(Program, verbose_name="برنامه", on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("عنوان", max_length=300)
    weight = models.DecimalField("وزن", max_digits=7, decimal_places=2, default=1)
    progress = models.PositiveSmallIntegerField("پیشرفت (درصد)", default=0)
    due_date = models.DateField("مهلت", null=True, blank=True)
    status = models.CharField("وضعیت", max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED)
    order = models.PositiveIntegerField("ترتیب", default=0)
    note = models.TextField("توضیح", blank=True)
    updated_at = models.DateTimeField("زمان آخرین تغییر", auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "نقطه عطف"
        verbose_name_plural = "نقاط عطف"
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(name="milestone_progress_0_100", condition=models.Q(progress__lte=100)),
            models.CheckConstraint(name="milestone_weight_positive", condition=models.Q(weight__gt=0)),
            # Done means 100 %, and 100 % means done: the badge can never contradict the bar.
            models.CheckConstraint(
                name="milestone_done_is_full",
                condition=(
                    models.Q(status="done", progress=100) | (~models.Q(status="done") & models.Q(progress__lt=100))
                ),
            ),
        ]
        # The "overdue milestones" work list: open milestones by due date.
        indexes = [models.Index(fields=["due_date", "progress"], name="milestone_due_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def weight_number(self) -> float:
        # Shown as people write it: «۲» and «۱٫۵», not «۲٫۰۰».
        return float(self.weight)
