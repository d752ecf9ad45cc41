"""Key works: registered with the program that follows them."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError
from hamafza.development.models import (
    Challenge,
    KeyWork,
    Period,
)
from hamafza.organizations.models import Organization
from hamafza.places.models import County
from hamafza.programs.models import ProgramKind
from hamafza.programs.services import program_create


@transaction.atomic
def key_work_create(
    *,
    owner: Organization,
    title: str,
    goals: str,
    challenge: str,
    jalali_year: int,
    by: Any,
    period: int = Period.YEAR,
    county: County | None = None,
    governor: Any = None,
    start_date: Any = None,
    end_date: Any = None,
    code: str = "",
) -> KeyWork:
    if challenge not in Challenge.values:
        raise DomainError("چالش را از فهرست انتخاب کنید.")
    if period not in Period.values:
        raise DomainError("بازه زمانی معتبر نیست.")
    if not 1390 <= int(jalali_year) <= 1500:
        raise DomainError("سال را به تقویم خورشیدی بنویسید، مانند ۱۴۰۵.")
    if county is not None and owner.province_id and county.province_id != owner.province_id:
        raise DomainError("این شهرستان در استان این سازمان نیست.")
    program = program_create(
        owner=owner,
        title=title,
        kind=ProgramKind.KEY_WORK,
        goals=goals,
        challenge=Challenge(challenge).label,
        status="active",
        county=county or owner.county,
        start_date=start_date,
        end_date=end_date,
        code=code,
        by=by,
    )
    key_work = KeyWork.objects.create(
        program=program,
        governor=governor or (by if getattr(by, "pk", None) else None),
        jalali_year=int(jalali_year),
        period=period,
        challenge=challenge,
        county=county or owner.county,
    )
    audit(actor=by, action="development.key_work.created", target=key_work, data={"year": key_work.jalali_year})
    return key_work
