"""Request and response bodies of ``/api/v1/organizations``.

Text is normalized here, while the body is read, as a form's ``clean`` would (STYLE §7): what reaches the
services, the audit trail and the search columns is already the one stored form.
"""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from hamafza.organizations.models import Organization, OrganizationKind
from hamafza.persian import normalize, to_latin_digits


class PlaceRef(Schema):
    id: int
    name: str


class OrganizationRef(Schema):
    id: int
    code: str
    name: str


class OrganizationOut(Schema):
    id: int
    code: str
    name: str
    kind: OrganizationKind
    kind_label: str
    parent: OrganizationRef | None
    province: PlaceRef | None
    county: PlaceRef | None
    depth: int
    is_active: bool
    tags: list[str]
    version: int = Field(..., description="بفرستید همراه هر PATCH؛ اگر کس دیگری زودتر ذخیره کرده باشد، پاسخ 409 است.")

    @staticmethod
    def resolve_kind_label(obj: Organization) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_tags(obj: Organization) -> list[str]:
        # .all() so a prefetch made by the list endpoint is used instead of one query per row.
        return [tag.name for tag in obj.tags.all()]


class OrganizationDetailOut(OrganizationOut):
    mission: str


class OrganizationChildOut(OrganizationOut):
    children_count: int


class OrganizationFilters(Schema):
    q: str = Field("", max_length=200, description="بخشی از نام یا کد؛ حروف عربی و نیم‌فاصله یکسان شمرده می‌شوند")
    kind: OrganizationKind | None = None
    # Bounded: an id beyond 64 bits reaches the database as an overflow (a 500), not as "no such province".
    province: int | None = Field(None, ge=1, le=2**63 - 1, description="شناسه استان")

    @field_validator("province", mode="before")
    @classmethod
    def _latin_digits(cls, value: Any) -> Any:
        # "۱۲" from a Persian keyboard is the same number as "12".
        if isinstance(value, str):
            value = to_latin_digits(value).strip() or None
        return value


# A mission statement is a few paragraphs, a tag list a handful of domains: bounds against megabyte bodies.
MAX_MISSION = 5000
MAX_TAGS = 50


def _clean_code(value: Any) -> Any:
    return to_latin_digits(value).strip().lower() if isinstance(value, str) else value


def _clean_text(value: Any) -> Any:
    return normalize(value) if isinstance(value, str) else value


def _clean_tags(value: Any) -> Any:
    # Anything but a list of strings is left for the type check to refuse (a 422), not deduplicated here.
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        names = [normalize(item) if isinstance(item, str) else item for item in value]
        # Empty names are dropped and repeats kept once, in the order given.
        return list(dict.fromkeys(name for name in names if name != ""))
    return value


class OrganizationCreateIn(Schema):
    parent_id: int | None = Field(None, description="سازمان بالادست؛ خالی فقط برای مدیر سامانه")
    code: str = Field(..., min_length=1, max_length=60, pattern=r"^[a-z0-9_-]+$", description="شناسه لاتین یکتا")
    name: str = Field(..., min_length=1, max_length=200)
    kind: OrganizationKind
    province_id: int | None = None
    county_id: int | None = None
    mission: str = Field("", max_length=MAX_MISSION)
    tags: list[str] = Field(default_factory=list, max_length=MAX_TAGS, description="حوزه‌های فعالیت")

    clean_code = field_validator("code", mode="before")(_clean_code)
    clean_text = field_validator("name", "mission", mode="before")(_clean_text)
    clean_tags = field_validator("tags", mode="before")(_clean_tags)


class OrganizationUpdateIn(Schema):
    """A partial update: fields left out stay as they are; ``version`` is the one the client last read."""

    version: int = Field(..., ge=1)
    name: str | None = Field(None, min_length=1, max_length=200)
    kind: OrganizationKind | None = None
    province_id: int | None = Field(None, description="null یعنی سازمان کشوری است")
    county_id: int | None = None
    mission: str | None = Field(None, max_length=MAX_MISSION)
    tags: list[str] | None = Field(None, max_length=MAX_TAGS)
    is_active: bool | None = None

    clean_text = field_validator("name", "mission", mode="before")(_clean_text)
    clean_tags = field_validator("tags", mode="before")(_clean_tags)

    @field_validator("name", "kind", "mission", "tags", "is_active")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        # Runs only for fields that were sent: leaving a field out keeps it, sending null for it is a mistake.
        if value is None:
            raise ValueError("این مقدار نمی‌تواند خالی (null) باشد؛ اگر نمی‌خواهید آن را تغییر دهید، نفرستید.")
        return value
