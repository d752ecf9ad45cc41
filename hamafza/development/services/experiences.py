"""Successful experiences: written, edited, and adopted by another organization."""

from __future__ import annotations

import re
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.development import permissions
from hamafza.development.models import (
    Adoption,
    Experience,
)
from hamafza.organizations.models import Organization
from hamafza.persian import index_terms, normalize

EXPERIENCE_FIELDS = ("title", "problem", "action", "result", "evidence", "contacts", "tags")


def _clean_experience(fields: dict[str, Any]) -> dict[str, Any]:
    clean = {k: normalize(str(fields.get(k) or ""), multiline=k not in ("title", "tags")) for k in EXPERIENCE_FIELDS}
    for key, label in (("title", "عنوان"), ("problem", "مسئله"), ("action", "اقدام"), ("result", "نتیجه")):
        if not clean[key]:
            raise DomainError(f"«{label}» را بنویسید.")
    tags = [t.strip() for t in re.split(r"[،,؛;]", clean["tags"]) if t.strip()]
    clean["tags"] = "، ".join(dict.fromkeys(tags))
    return clean


def _index(experience: Experience) -> None:
    text = "\n".join(getattr(experience, k) for k in EXPERIENCE_FIELDS)
    experience.terms = " " + " ".join(index_terms(text)) + " "
    from hamafza.persian import collation_key_str

    experience.sort_key = collation_key_str(experience.title, max_length=600)


@transaction.atomic
def experience_create(
    *, owner: Organization, by: Any, programs: Any = (), is_published: bool = False, **fields: Any
) -> Experience:
    if by is not None and not permissions.can_manage(by, owner):
        raise PermissionDenied("ثبت تجربه برای این سازمان در اختیار شما نیست.")
    experience = Experience(
        owner=owner,
        is_published=is_published,
        created_by=by if getattr(by, "pk", None) else None,
        **_clean_experience(fields),
    )
    _index(experience)
    experience.save()
    if programs:
        experience.programs.set(programs)
    audit(actor=by, action="development.experience.created", target=experience, data={"published": is_published})
    return experience


@transaction.atomic
def experience_update(
    *,
    experience: Experience,
    by: Any,
    version: int,
    programs: Any = None,
    is_published: bool | None = None,
    **fields: Any,
) -> Experience:
    if by is not None and not permissions.can_manage(by, experience.owner):
        raise PermissionDenied("ویرایش این تجربه در اختیار شما نیست.")
    clean = _clean_experience(fields)
    for key, value in clean.items():
        setattr(experience, key, value)
    if is_published is not None:
        experience.is_published = is_published
    _index(experience)
    if not Experience.objects.filter(pk=experience.pk, version=version).update(
        **clean,
        is_published=experience.is_published,
        terms=experience.terms,
        sort_key=experience.sort_key,
        version=F("version") + 1,
    ):
        raise VersionConflict()
    if programs is not None:
        experience.programs.set(programs)
    experience.refresh_from_db()
    audit(
        actor=by,
        action="development.experience.updated",
        target=experience,
        data={"published": experience.is_published},
    )
    return experience


@transaction.atomic
def experience_adopt(*, experience: Experience, organization: Organization, by: Any) -> Adoption:
    """An organization marks the experience adopted; marking it twice is the same adoption."""
    if by is not None and not permissions.can_manage(by, organization):
        raise PermissionDenied("ثبت به‌کارگیری برای این سازمان در اختیار شما نیست.")
    if not experience.is_published:
        raise DomainError("تنها تجربه‌های منتشرشده به‌کار گرفته می‌شوند.")
    existing = Adoption.objects.filter(experience=experience, organization=organization).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            adoption = Adoption.objects.create(
                experience=experience, organization=organization, created_by=by if getattr(by, "pk", None) else None
            )
    except IntegrityError:
        return Adoption.objects.get(experience=experience, organization=organization)
    audit(actor=by, action="development.experience.adopted", target=experience, data={"organization": organization.pk})
    return adoption
