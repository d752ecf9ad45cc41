"""The registry of stakeholders: NGOs, the middle rings, investors, academics and critics."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from hamafza.core.models import TimeStampedModel
from hamafza.organizations.models import DomainTag
from hamafza.persian import collation_key_str, normalize, search_key, to_latin_digits
from hamafza.places.models import County, Province


class StakeholderKind(models.TextChoices):
    NGO = "ngo", "سازمان مردم‌نهاد (سمن)"
    PARTY = "party", "حزب و تشکل سیاسی"
    MEDIA = "media", "رسانه"
    REFERENCE_GROUP = "reference_group", "گروه مرجع"
    LOCAL_TRUSTEE = "local_trustee", "معتمد محلی"
    PROMINENT_FIGURE = "prominent_figure", "چهره شاخص"
    INVESTOR = "investor", "سرمایه‌گذار"
    ENTREPRENEUR = "entrepreneur", "کارآفرین"
    ACADEMIC = "academic", "دانشگاهی و نخبه"
    CRITIC = "critic", "منتقد و فعال اجتماعی"


# Seed 001's "middle rings" between the state and the people.
MIDDLE_RINGS = frozenset(
    {
        StakeholderKind.PARTY,
        StakeholderKind.MEDIA,
        StakeholderKind.REFERENCE_GROUP,
        StakeholderKind.LOCAL_TRUSTEE,
        StakeholderKind.PROMINENT_FIGURE,
    }
)


class Verification(models.TextChoices):
    PENDING = "pending", "در انتظار بررسی"
    VERIFIED = "verified", "تأییدشده"
    REJECTED = "rejected", "ردشده"


def name_keys(name: str) -> tuple[str, str]:
    """The search key of a name and its compact key for duplicates.

    ZWNJ, a space or nothing between two parts are the same name to a reader («خانه‌سبز», «خانه سبز»,
    «خانهسبز»), so the compact key drops every gap; ی/ي and ک/ك are already one letter in the search key.
    """
    key = search_key(name)
    return key, key.replace(" ", "")


def registration_digits(value: object) -> str:
    """A registration number in Latin digits with the separators people type removed."""
    text = to_latin_digits(str(value or "")).strip()
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())


class Stakeholder(TimeStampedModel):
    kind = models.CharField("نوع", max_length=30, choices=StakeholderKind.choices, default=StakeholderKind.NGO)
    name = models.CharField("نام", max_length=200)
    registration_number = models.CharField(
        "شماره ثبت", max_length=30, blank=True, help_text="برای سمن‌ها: شماره ثبت ملی، با هر رقمی."
    )
    domains = models.ManyToManyField(DomainTag, verbose_name="حوزه‌های فعالیت", blank=True, related_name="+")
    provinces = models.ManyToManyField(Province, verbose_name="استان‌های فعالیت", blank=True, related_name="+")
    counties = models.ManyToManyField(County, verbose_name="شهرستان‌های فعالیت", blank=True, related_name="+")
    description = models.TextField("معرفی و زمینه فعالیت", blank=True)
    expertise = models.TextField("تخصص‌ها", blank=True)
    volunteers = models.PositiveIntegerField("تعداد داوطلبان", default=0)
    facilities = models.TextField("امکانات", blank=True)
    verification = models.CharField(
        "وضعیت تأیید", max_length=20, choices=Verification.choices, default=Verification.PENDING
    )
    name_key = models.CharField(max_length=200, editable=False)
    # Duplicate detection: the name with every gap removed (see ``name_keys``).
    compact_key = models.CharField(max_length=200, editable=False)
    sort_key = models.CharField(max_length=600, editable=False)
    text_key = models.TextField(editable=False, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "ذی‌نفع"
        verbose_name_plural = "ذی‌نفعان"
        ordering = ["sort_key", "id"]
        # The registry's page (selectors.stakeholder_list: ORDER BY sort_key, id LIMIT 26) walks this index and
        # stops; the name search's LIKE '%…%' on text_key and compact_key uses trigram indexes (migration 0006).
        # name_key and compact_key are looked up by equality only: plain indexes, without the second
        # ``varchar_pattern_ops`` index PostgreSQL gets for ``db_index=True``, which every imported row paid for.
        indexes = [
            models.Index(fields=["sort_key", "id"], name="engagement_stakeholder_sort"),
            models.Index(fields=["name_key"], name="engagement_stk_name_key"),
            models.Index(fields=["compact_key"], name="engagement_stk_compact_key"),
        ]
        constraints = [
            # Two NGOs never share a national registration number; individuals have none.
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="stakeholder_unique_registration",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_middle_ring(self) -> bool:
        return self.kind in MIDDLE_RINGS

    def fill_keys(self) -> None:
        self.name = normalize(self.name)
        self.description = normalize(self.description, multiline=True)
        self.expertise = normalize(self.expertise, multiline=True)
        self.facilities = normalize(self.facilities, multiline=True)
        self.registration_number = registration_digits(self.registration_number)
        self.name_key, self.compact_key = name_keys(self.name)
        self.name_key = self.name_key[:200]
        self.compact_key = self.compact_key[:200]
        self.sort_key = collation_key_str(self.name, max_length=600)
        self.text_key = search_key(f"{self.name} {self.description} {self.expertise}")


class StakeholderRepresentative(models.Model):
    """A person who acts for a stakeholder (an NGO's representative); they act only for the ones linked here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="کاربر", on_delete=models.CASCADE, related_name="represents"
    )
    stakeholder = models.ForeignKey(
        Stakeholder, verbose_name="ذی‌نفع", on_delete=models.CASCADE, related_name="representatives"
    )
    created_at = models.DateTimeField("زمان ایجاد", auto_now_add=True)

    class Meta:
        verbose_name = "نماینده ذی‌نفع"
        verbose_name_plural = "نمایندگان ذی‌نفعان"
        constraints = [models.UniqueConstraint(fields=["user", "stakeholder"], name="representative_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.stakeholder}"


class ContactPerson(models.Model):
    stakeholder = models.ForeignKey(
        Stakeholder, verbose_name="ذی‌نفع", on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField("نام", max_length=120)
    title = models.CharField("سمت", max_length=120, blank=True)
    mobile = models.CharField("تلفن همراه", max_length=11, blank=True)
    email = models.EmailField("رایانامه", blank=True)

    class Meta:
        verbose_name = "فرد رابط"
        verbose_name_plural = "افراد رابط"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


def _document_path(instance: StakeholderDocument, filename: str) -> str:
    return f"engagement/stakeholders/{instance.stakeholder_id}/{instance.sha256[:16]}{_suffix(filename)}"


def _suffix(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower() if dot != -1 else ""


class StakeholderDocument(models.Model):
    stakeholder = models.ForeignKey(
        Stakeholder, verbose_name="ذی‌نفع", on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField("عنوان", max_length=200, blank=True)
    file = models.FileField("پرونده", upload_to=_document_path)
    original_name = models.CharField("نام پرونده", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField("حجم")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("زمان بارگذاری", auto_now_add=True)

    class Meta:
        verbose_name = "مدرک ذی‌نفع"
        verbose_name_plural = "مدارک ذی‌نفعان"
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title or self.original_name


class ImportStatus(models.TextChoices):
    ANALYZING = "analyzing", "در حال بررسی"
    PREVIEWED = "previewed", "آماده تأیید"
    IMPORTING = "importing", "در حال ثبت"
    DONE = "done", "انجام شد"
    FAILED = "failed", "ناموفق"


class StakeholderImport(models.Model):
    """One uploaded sheet: its preview (errors and duplicates) and, once confirmed, what it created."""

    file = models.FileField("پرونده", upload_to="engagement/imports/")
    original_name = models.CharField("نام پرونده", max_length=200)
    status = models.CharField("وضعیت", max_length=20, choices=ImportStatus.choices, default=ImportStatus.ANALYZING)
    total_rows = models.PositiveIntegerField("تعداد سطرها", default=0)
    processed_rows = models.PositiveIntegerField("سطرهای بررسی‌شده", default=0)
    created_count = models.PositiveIntegerField("ثبت‌شده", default=0)
    report = models.JSONField("گزارش", default=dict, blank=True)
    message = models.TextField("پیام", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("زمان بارگذاری", auto_now_add=True)

    class Meta:
        verbose_name = "ورود گروهی ذی‌نفعان"
        verbose_name_plural = "ورودهای گروهی ذی‌نفعان"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0
