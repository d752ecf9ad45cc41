from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from hamafza.core.models import TimeStampedModel
from hamafza.organizations.roles import Role
from hamafza.persian import collation_key_str, normalize, search_key
from hamafza.places.models import City, County, Province


class OrganizationKind(models.TextChoices):
    MINISTRY = "ministry", "وزارتخانه"
    PROVINCIAL_OFFICE = "provincial_office", "اداره کل استانی"
    COUNTY_OFFICE = "county_office", "اداره شهرستان"
    GOVERNORATE = "governorate", "استانداری"
    COUNTY_GOVERNORATE = "county_governorate", "فرمانداری"
    MUNICIPALITY = "municipality", "شهرداری"
    MUNICIPAL_DISTRICT = "municipal_district", "منطقه شهرداری"
    AGENCY = "agency", "دستگاه اجرایی"


class DomainTag(models.Model):
    """A field of work (health, environment, employment …) used to align stakeholders with missions."""

    name = models.CharField("عنوان", max_length=80, unique=True)
    sort_key = models.CharField(max_length=300, editable=False, db_index=True)

    class Meta:
        verbose_name = "حوزه فعالیت"
        verbose_name_plural = "حوزه‌های فعالیت"
        ordering = ["sort_key"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = normalize(self.name)
        self.sort_key = collation_key_str(self.name, max_length=self._meta.get_field("sort_key").max_length)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Organization(TimeStampedModel):
    """A node of the one organization tree every module hangs on.

    ``path`` is a materialized path of zero-padded ids ("000001/000007/"), so "this organization and everything
    under it" is one indexed prefix match instead of a recursive query.
    """

    PATH_STEP = 7

    code = models.SlugField("کد", max_length=60, unique=True, allow_unicode=False)
    name = models.CharField("نام", max_length=200)
    kind = models.CharField("نوع", max_length=30, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="سازمان بالادست", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    province = models.ForeignKey(
        Province, verbose_name="استان", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    county = models.ForeignKey(
        County, verbose_name="شهرستان", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    city = models.ForeignKey(
        City, verbose_name="شهر", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mission = models.TextField("مأموریت", blank=True)
    tags = models.ManyToManyField(DomainTag, verbose_name="حوزه‌های فعالیت", blank=True, related_name="organizations")
    is_active = models.BooleanField("فعال", default=True)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    sort_key = models.CharField(max_length=600, editable=False, db_index=True)
    # Optimistic locking: an edit form carries the version it was opened with; a stale save is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "سازمان"
        verbose_name_plural = "سازمان‌ها"
        ordering = ["sort_key", "id"]

    def __str__(self) -> str:
        return self.name

    def fill_keys(self) -> None:
        self.name = normalize(self.name)
        self.mission = normalize(self.mission, multiline=True)
        self.name_key = search_key(f"{self.name} {self.code}")
        self.sort_key = collation_key_str(self.name, max_length=self._meta.get_field("sort_key").max_length)

    def is_descendant_of(self, other: Organization) -> bool:
        return self.path.startswith(other.path)


class RoleGrant(models.Model):
    """A role held by a person within one scope: an organization (and below), a county, a province, or everywhere."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="کاربر", on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField("نقش", max_length=30, choices=Role.choices)
    organization = models.ForeignKey(
        Organization, verbose_name="سازمان", null=True, blank=True, on_delete=models.CASCADE, related_name="grants"
    )
    include_descendants = models.BooleanField("شامل زیرمجموعه‌ها", default=True)
    province = models.ForeignKey(
        Province, verbose_name="استان", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    county = models.ForeignKey(
        County, verbose_name="شهرستان", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("سمت", max_length=120, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("زمان اعطا", auto_now_add=True)

    class Meta:
        verbose_name = "نقش"
        verbose_name_plural = "نقش‌ها"
        constraints = [
            models.CheckConstraint(
                name="rolegrant_one_scope",
                condition=(
                    Q(organization__isnull=True, province__isnull=True, county__isnull=True)
                    | Q(organization__isnull=False, province__isnull=True, county__isnull=True)
                    | Q(organization__isnull=True, province__isnull=False, county__isnull=True)
                    | Q(organization__isnull=True, province__isnull=True, county__isnull=False)
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.scope_label}"

    @property
    def scope_label(self) -> str:
        if self.organization_id:
            return str(self.organization)
        if self.county_id:
            return f"شهرستان {self.county}"
        if self.province_id:
            return f"استان {self.province}"
        return "همه‌جا"
