"""The roundtable itself, its members and the meetings it holds (engagement activities)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hamafza.core.models import TimeStampedModel
from hamafza.engagement.models import Activity
from hamafza.organizations.models import Organization
from hamafza.persian import collation_key_str, normalize, search_key


class Roundtable(TimeStampedModel):
    organization = models.ForeignKey(
        Organization, verbose_name="فرمانداری یا استانداری", on_delete=models.PROTECT, related_name="roundtables"
    )
    title = models.CharField("عنوان میز", max_length=200)
    domain = models.CharField("حوزه", max_length=100)
    description = models.TextField("شرح و مأموریت", blank=True)
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="دبیر", on_delete=models.PROTECT, related_name="roundtables_secretary"
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="رئیس",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roundtables_chaired",
    )
    is_public = models.BooleanField("عمومی", default=False)
    published_at = models.DateTimeField("زمان انتشار", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title_key = models.CharField(max_length=200, editable=False, db_index=True)
    sort_key = models.CharField(max_length=400, editable=False, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "میز تخصصی"
        verbose_name_plural = "میزهای تخصصی"
        ordering = ["sort_key", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "title"], name="roundtable_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title

    def fill_keys(self) -> None:
        self.title = normalize(self.title)
        self.title_key = search_key(self.title)
        self.sort_key = collation_key_str(self.title, max_length=self._meta.get_field("sort_key").max_length)

    @property
    def is_published(self) -> bool:
        return self.is_public and self.published_at is not None


class MemberCategory(models.TextChoices):
    MANAGER = "manager", "مدیر"
    EXPERT = "expert", "کارشناس"
    THINKER = "thinker", "اندیشمند"
    FIELD_ACTOR = "field_actor", "کنشگر میدانی"
    ACADEMIC = "academic", "دانشگاهی"
    SOCIAL_ACTIVIST = "social_activist", "فعال اجتماعی"
    POLITICAL_ACTIVIST = "political_activist", "فعال سیاسی"


class MembershipStatus(models.TextChoices):
    INVITED = "invited", "دعوت‌شده"
    ACCEPTED = "accepted", "عضو"
    DECLINED = "declined", "نپذیرفت"
    REMOVED = "removed", "کنار گذاشته‌شده"


class Membership(models.Model):
    table = models.ForeignKey(Roundtable, verbose_name="میز", on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="عضو", on_delete=models.CASCADE, related_name="roundtable_memberships"
    )
    category = models.CharField("دسته", max_length=20, choices=MemberCategory.choices)
    is_elite = models.BooleanField("نخبه (رأی‌دهنده انتخاب رئیس)", default=False)
    status = models.CharField(
        "وضعیت", max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.INVITED, db_index=True
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField("زمان دعوت", auto_now_add=True)
    responded_at = models.DateTimeField("زمان پاسخ", null=True, blank=True)
    # A removed member's row stays (who invited, when, why removed); their problems, solutions, scores and
    # statements are their own rows and stay too.
    removed_at = models.DateTimeField("زمان کنار گذاشتن", null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    removal_reason = models.TextField("دلیل کنار گذاشتن", blank=True)

    class Meta:
        verbose_name = "عضویت در میز"
        verbose_name_plural = "عضویت‌ها"
        ordering = ["table_id", "id"]
        constraints = [models.UniqueConstraint(fields=["table", "user"], name="roundtable_member_once")]
        indexes = [models.Index(fields=["user", "status"], name="roundtable_member_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} — {self.table}"


class TableMeeting(models.Model):
    """A table's meeting is an engagement activity (its agenda, minutes and action items live there)."""

    table = models.ForeignKey(Roundtable, verbose_name="میز", on_delete=models.CASCADE, related_name="meetings")
    activity = models.OneToOneField(
        Activity, verbose_name="نشست", on_delete=models.CASCADE, related_name="roundtable_meeting"
    )

    class Meta:
        verbose_name = "نشست میز"
        verbose_name_plural = "نشست‌های میز"
        ordering = ["-activity__starts_at", "id"]

    def __str__(self) -> str:
        return str(self.activity)


# --- Chair elections ----------------------------------------------------------------------------------------
