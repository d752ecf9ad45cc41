from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from hamafza.persian import collation_key_str, normalize, search_key


class User(AbstractUser):
    """A person: an official, an inspector, an NGO representative or a citizen.

    People log in with their username or their mobile number; the national ID is optional but validated.
    """

    mobile = models.CharField("شماره همراه", max_length=11, unique=True, null=True, blank=True)
    national_id = models.CharField("کد ملی", max_length=10, unique=True, null=True, blank=True)
    name_key = models.CharField(max_length=300, editable=False, blank=True, db_index=True)
    sort_key = models.CharField(max_length=600, editable=False, blank=True, db_index=True)

    objects = UserManager()

    class Meta:
        verbose_name = "کاربر"
        verbose_name_plural = "کاربران"
        ordering = ["sort_key", "id"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args: object, **kwargs: object) -> None:
        self.first_name = normalize(self.first_name)
        self.last_name = normalize(self.last_name)
        full = f"{self.last_name} {self.first_name}".strip()
        self.name_key = search_key(f"{self.first_name} {self.last_name} {self.username} {self.mobile or ''}")
        self.sort_key = collation_key_str(full or self.username, max_length=self._meta.get_field("sort_key").max_length)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored, the raw value is shown once at creation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="کاربر", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("عنوان", max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField("پیشوند", max_length=8, editable=False)
    created_at = models.DateTimeField("زمان ایجاد", auto_now_add=True)
    last_used_at = models.DateTimeField("آخرین استفاده", null=True, blank=True)
    is_active = models.BooleanField("فعال", default=True)

    class Meta:
        verbose_name = "توکن API"
        verbose_name_plural = "توکن‌های API"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
