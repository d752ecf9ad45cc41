"""Criteria weights (pairwise judgements between the criteria) and the talent cores (capacities) of a place."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F

from hamafza.analytics.decision import MAX_CONSISTENCY_RATIO, ahp
from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.development import permissions
from hamafza.development.models import (
    CRITERIA,
    Capacity,
    CapacityKind,
    CriteriaWeights,
)
from hamafza.development.services.common import _check_version, parse_number
from hamafza.organizations.models import Organization
from hamafza.persian import format_number, normalize, to_persian_digits
from hamafza.places.models import County


@transaction.atomic
def weights_set(
    *, owner: Organization, matrix: list[list[float]], by: Any, version: int | None = None
) -> CriteriaWeights:
    """Store AHP judgements over the criteria; inconsistent judgements (CR > 0.10) are refused with why."""
    if by is not None and not permissions.can_manage(by, owner):
        raise PermissionDenied("تعیین وزن معیارها برای این سازمان در اختیار شما نیست.")
    try:
        result = ahp(matrix)
    except ValueError:
        raise DomainError(
            "ماتریس مقایسه زوجی باید مربعی، با اعداد مثبت و وارون‌پذیر باشد (اگر الف سه برابر ب است، ب یک‌سوم الف است)."
        ) from None
    if len(matrix) != len(CRITERIA):
        raise DomainError(f"ماتریس باید {to_persian_digits(len(CRITERIA))} در {to_persian_digits(len(CRITERIA))} باشد.")
    if not result.is_consistent:
        raise DomainError(
            f"نرخ ناسازگاری این مقایسه‌ها {format_number(round(result.consistency_ratio, 4))} است و از "
            f"{format_number(MAX_CONSISTENCY_RATIO)} بیشتر است: داوری‌ها با هم نمی‌خوانند (مثلاً اهمیت از پایداری "
            "مهم‌تر، پایداری از بلندمدت بودن مهم‌تر، اما بلندمدت بودن از اهمیت مهم‌تر دانسته شده است). "
            "مقایسه‌ها را بازبینی کنید و دوباره ثبت کنید."
        )
    existing = CriteriaWeights.objects.select_for_update().filter(owner=owner).first()
    weights = [round(float(w), 6) for w in result.weights]
    cr = round(float(result.consistency_ratio), 6)
    if existing is None:
        row = CriteriaWeights.objects.create(owner=owner, matrix=matrix, weights=weights, consistency_ratio=cr)
    else:
        _check_version(existing, version)
        existing.matrix, existing.weights, existing.consistency_ratio = matrix, weights, cr
        existing.version = F("version") + 1
        existing.save()
        existing.refresh_from_db()
        row = existing
    audit(actor=by, action="development.weights.set", target=owner, data={"weights": weights, "cr": cr})
    return row


def _capacity_fields(
    *,
    kind: str,
    title: str,
    importance: Any,
    sustainability: Any,
    long_term: Any,
    county: County | None,
    owner: Organization,
) -> dict[str, Any]:
    title = normalize(title or "")
    if not title:
        raise DomainError("عنوان ظرفیت را بنویسید.")
    if kind not in CapacityKind.values:
        raise DomainError("نوع ظرفیت معتبر نیست.")
    scores = {}
    for key, label, raw in (
        ("importance", "اهمیت", importance),
        ("sustainability", "پایداری", sustainability),
        ("long_term", "بلندمدت بودن کاربری", long_term),
    ):
        value = parse_number(raw)
        if not value.is_integer() or not 1 <= value <= 10:
            raise DomainError(f"امتیاز «{label}» عددی درست از ۱ تا ۱۰ است.")
        scores[key] = int(value)
    if county is not None and owner.province_id and county.province_id != owner.province_id:
        raise DomainError("این شهرستان در استان این سازمان نیست.")
    return {"kind": kind, "title": title, "county": county, **scores}


@transaction.atomic
def capacity_create(
    *, owner: Organization, by: Any, description: str = "", county: County | None = None, **fields: Any
) -> Capacity:
    if by is not None and not permissions.can_manage(by, owner):
        raise PermissionDenied("ثبت ظرفیت برای این سازمان در اختیار شما نیست.")
    values = _capacity_fields(owner=owner, county=county, **fields)
    if Capacity.objects.filter(owner=owner, title=values["title"]).exists():
        raise DomainError("ظرفیتی با همین عنوان پیش‌تر برای این سازمان ثبت شده است.")
    capacity = Capacity(
        owner=owner, description=description, created_by=by if getattr(by, "pk", None) else None, **values
    )
    capacity.fill_keys()
    capacity.save()
    audit(actor=by, action="development.capacity.created", target=capacity, data={"kind": capacity.kind})
    return capacity


@transaction.atomic
def capacity_update(
    *, capacity: Capacity, by: Any, version: int, description: str = "", county: County | None = None, **fields: Any
) -> Capacity:
    if by is not None and not permissions.can_manage(by, capacity.owner):
        raise PermissionDenied("ویرایش این ظرفیت در اختیار شما نیست.")
    values = _capacity_fields(owner=capacity.owner, county=county, **fields)
    if Capacity.objects.filter(owner=capacity.owner, title=values["title"]).exclude(pk=capacity.pk).exists():
        raise DomainError("ظرفیتی با همین عنوان پیش‌تر برای این سازمان ثبت شده است.")
    updated = Capacity.objects.filter(pk=capacity.pk, version=version)
    for key, value in values.items():
        setattr(capacity, key, value)
    capacity.description = description
    capacity.fill_keys()
    if not updated.update(
        **{
            k: getattr(capacity, k)
            for k in ("kind", "title", "county", "importance", "sustainability", "long_term", "description", "sort_key")
        },
        version=F("version") + 1,
    ):
        raise VersionConflict()
    capacity.refresh_from_db()
    audit(actor=by, action="development.capacity.updated", target=capacity, data={"kind": capacity.kind})
    return capacity
