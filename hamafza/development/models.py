"""Balanced development: talent cores (capacities), development indicators, key works, pledges, experiences."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hamafza.core.models import TimeStampedModel
from hamafza.organizations.models import Organization
from hamafza.persian import collation_key_str, normalize
from hamafza.places.models import County
from hamafza.programs.models import Program


class CapacityKind(models.TextChoices):
    PEOPLE = "people", "نیروی انسانی و نخبگان"
    SKILLED_GROUP = "skilled_group", "گروه مهارتی"
    PLACE = "place", "مکان"
    BUILDING = "building", "ساختمان و تأسیسات"
    NATURAL = "natural", "ظرفیت طبیعی"
    CULTURAL = "cultural", "ظرفیت فرهنگی و تاریخی"


# The three criteria of seed 004: «اولویت با مهم‌ترین، پایدارترین و بلندمدت‌ترین کاربری».
CRITERIA: tuple[tuple[str, str], ...] = (
    ("importance", "اهمیت"),
    ("sustainability", "پایداری"),
    ("long_term", "بلندمدت بودن کاربری"),
)


class CriteriaWeights(TimeStampedModel):
    """An organization's AHP judgements over the three criteria and the weights they give (CR ≤ 0.10 only)."""

    owner = models.OneToOneField(
        Organization, verbose_name="سازمان", on_delete=models.CASCADE, related_name="capacity_weights"
    )
    matrix = models.JSONField("ماتریس مقایسه زوجی", default=list)
    weights = models.JSONField("وزن‌ها", default=list)
    consistency_ratio = models.FloatField("نرخ ناسازگاری", default=0.0)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "وزن معیارهای ظرفیت"
        verbose_name_plural = "وزن معیارهای ظرفیت"


class Capacity(TimeStampedModel):
    owner = models.ForeignKey(Organization, verbose_name="سازمان", on_delete=models.PROTECT, related_name="capacities")
    county = models.ForeignKey(
        County, verbose_name="شهرستان", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("نوع ظرفیت", max_length=20, choices=CapacityKind.choices)
    title = models.CharField("عنوان", max_length=200)
    description = models.TextField("شرح", blank=True)
    importance = models.PositiveSmallIntegerField("اهمیت (۱ تا ۱۰)")
    sustainability = models.PositiveSmallIntegerField("پایداری (۱ تا ۱۰)")
    long_term = models.PositiveSmallIntegerField("بلندمدت بودن کاربری (۱ تا ۱۰)")
    sort_key = models.CharField(max_length=600, editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "ظرفیت"
        verbose_name_plural = "ظرفیت‌ها"
        ordering = ["sort_key", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "title"], name="capacity_title_per_owner"),
            models.CheckConstraint(
                name="capacity_scores_1_10",
                condition=models.Q(importance__gte=1, importance__lte=10)
                & models.Q(sustainability__gte=1, sustainability__lte=10)
                & models.Q(long_term__gte=1, long_term__lte=10),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def fill_keys(self) -> None:
        self.title = normalize(self.title)
        self.description = normalize(self.description, multiline=True)
        self.sort_key = collation_key_str(self.title, max_length=600)


class Indicator(TimeStampedModel):
    """A development indicator of the counties under an organization (a governorate): literacy, unemployment …"""

    owner = models.ForeignKey(Organization, verbose_name="سازمان", on_delete=models.PROTECT, related_name="indicators")
    title = models.CharField("عنوان شاخص", max_length=200)
    unit = models.CharField("واحد", max_length=60, blank=True)
    is_benefit = models.BooleanField("بیشتر بهتر است", default=True)
    order = models.PositiveIntegerField("ترتیب", default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "شاخص توسعه"
        verbose_name_plural = "شاخص‌های توسعه"
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["owner", "title"], name="indicator_title_per_owner")]

    def __str__(self) -> str:
        return self.title


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    county = models.ForeignKey(County, verbose_name="شهرستان", on_delete=models.PROTECT, related_name="+")
    value = models.FloatField("مقدار")

    class Meta:
        verbose_name = "مقدار شاخص"
        verbose_name_plural = "مقدارهای شاخص"
        constraints = [models.UniqueConstraint(fields=["indicator", "county"], name="indicator_value_per_county")]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"


class Challenge(models.TextChoices):
    MARGINAL_SETTLEMENTS = "marginal_settlements", "سکونتگاه‌های غیررسمی و حاشیه‌نشینی"
    WASTE = "waste", "پسماند"
    EMPLOYMENT = "employment", "اشتغال"
    WATER = "water", "آب و کم‌آبی"
    SOCIAL_HARMS = "social_harms", "آسیب‌های اجتماعی"
    TOURISM = "tourism", "گردشگری"
    DEPRIVED_AREAS = "deprived_areas", "محرومیت‌زدایی"
    OTHER = "other", "سایر"


class Period(models.IntegerChoices):
    YEAR = 0, "کل سال"
    FIRST_HALF = 1, "نیمه نخست"
    SECOND_HALF = 2, "نیمه دوم"


class KeyWork(TimeStampedModel):
    """Seed 001: «فرمانداران برای خود در بازه‌های زمانی مشخص کار شاخص و راهبردی تعریف کنند». Its milestones and
    progress are its program's (hamafza.programs); this row adds the governor, the Jalali period and the challenge."""

    program = models.OneToOneField(Program, verbose_name="برنامه", on_delete=models.CASCADE, related_name="key_work")
    governor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="فرماندار", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    jalali_year = models.PositiveSmallIntegerField("سال")
    period = models.PositiveSmallIntegerField("بازه", choices=Period.choices, default=Period.YEAR)
    challenge = models.CharField("چالش", max_length=30, choices=Challenge.choices)
    county = models.ForeignKey(
        County, verbose_name="شهرستان", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "کار شاخص"
        verbose_name_plural = "کارهای شاخص"
        ordering = ["-jalali_year", "period", "id"]

    def __str__(self) -> str:
        return self.program.title


class PledgerKind(models.TextChoices):
    CITIZEN = "citizen", "شهروند"
    NGO = "ngo", "سازمان مردم‌نهاد"
    INVESTOR = "investor", "سرمایه‌گذار و کارآفرین"


class PledgeKind(models.TextChoices):
    MONEY = "money", "مالی"
    LOGISTICS = "logistics", "لجستیک و پشتیبانی"
    DESIGN = "design", "طراحی"
    EXECUTION = "execution", "اجرا"


class PledgeStatus(models.TextChoices):
    PLEDGED = "pledged", "اعلام‌شده"
    CONFIRMED = "confirmed", "تأییدشده"
    DELIVERED = "delivered", "انجام‌شده"
    CANCELLED = "cancelled", "لغوشده"


class Pledge(TimeStampedModel):
    program = models.ForeignKey(Program, verbose_name="برنامه", on_delete=models.CASCADE, related_name="pledges")
    pledger_kind = models.CharField("مشارکت‌کننده", max_length=12, choices=PledgerKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stakeholder = models.ForeignKey(
        "engagement.Stakeholder", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField("نام", max_length=200)
    kind = models.CharField("نوع مشارکت", max_length=12, choices=PledgeKind.choices)
    amount = models.PositiveBigIntegerField("مبلغ (ریال)", null=True, blank=True)
    description = models.TextField("شرح", blank=True)
    public_name = models.BooleanField("نامم در صفحه عمومی دیده شود", default=False)
    status = models.CharField(
        "وضعیت", max_length=12, choices=PledgeStatus.choices, default=PledgeStatus.PLEDGED, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "تعهد مشارکت"
        verbose_name_plural = "تعهدهای مشارکت"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} — {self.get_kind_display()}"

    @property
    def shown_name(self) -> str:
        return self.name if self.public_name else "نیکوکار گمنام"


class Experience(TimeStampedModel):
    """A successful experience (seed 001: «اشتراک‌گذاری تجارب موفق مدیریتی»): problem, action, result, evidence."""

    owner = models.ForeignKey(Organization, verbose_name="سازمان", on_delete=models.PROTECT, related_name="experiences")
    title = models.CharField("عنوان", max_length=250)
    problem = models.TextField("مسئله")
    action = models.TextField("اقدام")
    result = models.TextField("نتیجه")
    evidence = models.TextField("شواهد و مستندات", blank=True)
    contacts = models.TextField("راه ارتباط", blank=True)
    tags = models.CharField("برچسب‌ها", max_length=300, blank=True, help_text="با ویرگول جدا کنید")
    programs = models.ManyToManyField(Program, verbose_name="برنامه‌های مرتبط", blank=True, related_name="experiences")
    is_published = models.BooleanField("منتشرشده", default=False)
    terms = models.TextField(editable=False, blank=True)
    sort_key = models.CharField(max_length=600, editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "تجربه موفق"
        verbose_name_plural = "تجربه‌های موفق"
        ordering = ["sort_key", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [t for t in (part.strip() for part in self.tags.split("،")) if t]


class Adoption(models.Model):
    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="adoptions")
    organization = models.ForeignKey(Organization, verbose_name="سازمان", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "به‌کارگیری تجربه"
        verbose_name_plural = "به‌کارگیری‌های تجربه"
        constraints = [models.UniqueConstraint(fields=["experience", "organization"], name="adoption_once")]

    def __str__(self) -> str:
        return f"{self.experience_id} → {self.organization_id}"
