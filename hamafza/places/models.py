"""Iran's administrative divisions: province → county → district → city / rural district → village.

Primary keys are the ids of the ``django-iranian-cities`` data set, so a reload matches rows one to one.
Every place keeps its name normalized, a search key and a Persian collation key for ORDER BY.
"""

from __future__ import annotations

from django.db import models

from hamafza.persian import collation_key_str, normalize, search_key


class Place(models.Model):
    id = models.PositiveIntegerField(primary_key=True)
    name = models.CharField("نام", max_length=120)
    code = models.CharField("کد", max_length=32, blank=True)
    name_key = models.CharField(max_length=120, editable=False, db_index=True)
    # ORDER BY this column gives Persian alphabetical order on any database collation.
    sort_key = models.CharField(max_length=400, editable=False, db_index=True)

    class Meta:
        abstract = True
        ordering = ["sort_key"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.fill_keys()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def fill_keys(self) -> None:
        self.name = normalize(self.name)
        self.name_key = search_key(self.name)
        self.sort_key = collation_key_str(self.name, max_length=self._meta.get_field("sort_key").max_length)


class Province(Place):
    class Meta(Place.Meta):
        verbose_name = "استان"
        verbose_name_plural = "استان‌ها"


class County(Place):
    province = models.ForeignKey(Province, verbose_name="استان", on_delete=models.PROTECT, related_name="counties")

    class Meta(Place.Meta):
        verbose_name = "شهرستان"
        verbose_name_plural = "شهرستان‌ها"


class District(Place):
    province = models.ForeignKey(Province, verbose_name="استان", on_delete=models.PROTECT, related_name="+")
    county = models.ForeignKey(County, verbose_name="شهرستان", on_delete=models.PROTECT, related_name="districts")

    class Meta(Place.Meta):
        verbose_name = "بخش"
        verbose_name_plural = "بخش‌ها"


class City(Place):
    province = models.ForeignKey(Province, verbose_name="استان", on_delete=models.PROTECT, related_name="+")
    county = models.ForeignKey(County, verbose_name="شهرستان", on_delete=models.PROTECT, related_name="cities")
    district = models.ForeignKey(District, verbose_name="بخش", on_delete=models.PROTECT, related_name="cities")
    city_type = models.PositiveSmallIntegerField("نوع", default=0)

    class Meta(Place.Meta):
        verbose_name = "شهر"
        verbose_name_plural = "شهرها"


class RuralDistrict(Place):
    province = models.ForeignKey(Province, verbose_name="استان", on_delete=models.PROTECT, related_name="+")
    county = models.ForeignKey(County, verbose_name="شهرستان", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(District, verbose_name="بخش", on_delete=models.PROTECT, related_name="rural_districts")

    class Meta(Place.Meta):
        verbose_name = "دهستان"
        verbose_name_plural = "دهستان‌ها"


class Village(Place):
    province = models.ForeignKey(Province, verbose_name="استان", on_delete=models.PROTECT, related_name="+")
    county = models.ForeignKey(County, verbose_name="شهرستان", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(District, verbose_name="بخش", on_delete=models.PROTECT, related_name="+")
    rural_district = models.ForeignKey(
        RuralDistrict, verbose_name="دهستان", on_delete=models.PROTECT, related_name="villages"
    )
    village_type = models.PositiveSmallIntegerField("نوع", default=0)

    class Meta(Place.Meta):
        verbose_name = "روستا"
        verbose_name_plural = "روستاها"
