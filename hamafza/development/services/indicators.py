"""Development indicators: defined, their values typed or imported from a sheet, and the sheet's template."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.core.uploads import XLSX, check_upload, check_xlsx_limits
from hamafza.development import permissions
from hamafza.development.models import (
    Indicator,
    IndicatorValue,
)
from hamafza.development.services.common import parse_number
from hamafza.organizations.models import Organization
from hamafza.persian import normalize, search_key, to_persian_digits
from hamafza.places.models import County

COST_SUFFIXES = ("(کمتر بهتر)", "(هزینه)")


@transaction.atomic
def indicator_create(*, owner: Organization, title: str, by: Any, is_benefit: bool = True, unit: str = "") -> Indicator:
    if by is not None and not permissions.can_manage(by, owner):
        raise PermissionDenied("ثبت شاخص برای این سازمان در اختیار شما نیست.")
    title = normalize(title or "")
    if not title:
        raise DomainError("عنوان شاخص را بنویسید.")
    if Indicator.objects.filter(owner=owner, title=title).exists():
        raise DomainError("شاخصی با همین عنوان پیش‌تر ثبت شده است.")
    order = Indicator.objects.filter(owner=owner).count()
    indicator = Indicator.objects.create(
        owner=owner, title=title, unit=normalize(unit or ""), is_benefit=is_benefit, order=order
    )
    audit(actor=by, action="development.indicator.created", target=indicator, data={"benefit": is_benefit})
    return indicator


def counties_of(owner: Organization) -> Any:
    """The areas an organization's development ranking covers: the counties of its province."""
    if owner.province_id is None:
        return County.objects.none()
    return County.objects.filter(province_id=owner.province_id).order_by("sort_key", "id")


@transaction.atomic
def indicator_values_set(
    *, indicator: Indicator, values: dict[int, float | None], by: Any, version: int | None = None
) -> int:
    """Set (or clear, with None) the indicator's value per county id; one delete and one bulk insert."""
    if by is not None and not permissions.can_manage(by, indicator.owner):
        raise PermissionDenied("ثبت مقدار این شاخص در اختیار شما نیست.")
    if version is not None and not Indicator.objects.filter(pk=indicator.pk, version=version).update(
        version=F("version") + 1
    ):
        raise VersionConflict()
    allowed = set(counties_of(indicator.owner).values_list("id", flat=True))
    if set(values) - allowed:
        raise DomainError("یکی از شهرستان‌ها در استان این سازمان نیست.")
    IndicatorValue.objects.filter(indicator=indicator, county_id__in=list(values)).delete()
    rows = [IndicatorValue(indicator=indicator, county_id=c, value=v) for c, v in values.items() if v is not None]
    IndicatorValue.objects.bulk_create(rows)
    audit(actor=by, action="development.indicator.values_set", target=indicator, data={"count": len(rows)})
    return len(rows)


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    values: int = 0
    created_indicators: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


MAX_ROWS = 1200
MAX_COLS = 60


def _sheet_rows(upload: Any) -> list[list[Any]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_upload(upload, allowed=(XLSX,), max_bytes=5 * 1024 * 1024)
    stream = getattr(upload, "file", upload)
    check_xlsx_limits(stream, max_rows=MAX_ROWS, max_cols=MAX_COLS)
    content = upload.read()
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise DomainError("این پرونده Excel (xlsx) خوانا نیست.") from None
    rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    return rows


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize(str(value))


def indicators_import(*, owner: Organization, upload: Any, by: Any) -> ImportReport:
    """Read a sheet (first column the county, then one column per indicator) and store all of it, or nothing.

    A header the owner has no indicator for creates one; «(کمتر بهتر)» at its end makes it a cost. Every broken
    row is reported with its row number and column, and then nothing at all is written.
    """
    if by is not None and not permissions.can_manage(by, owner):
        raise PermissionDenied("ورود شاخص‌ها برای این سازمان در اختیار شما نیست.")
    rows = [row for row in _sheet_rows(upload) if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise DomainError("پرونده خالی است.")
    header = [_cell_text(cell) for cell in rows[0]]
    if not header or search_key(header[0]) != search_key("شهرستان"):
        raise DomainError(
            "ستون نخست سطر نخست باید «شهرستان» باشد و ستون‌های بعدی عنوان شاخص‌ها. از قالب نمونه استفاده کنید."
        )
    report = ImportReport(rows=len(rows) - 1)
    existing = {search_key(i.title): i for i in Indicator.objects.filter(owner=owner)}
    columns: list[tuple[int, str, bool, Indicator | None]] = []  # (sheet column, title, benefit, existing)
    seen: set[str] = set()
    for position, title in enumerate(header[1:], start=1):
        if not title:
            continue
        benefit = True
        for suffix in COST_SUFFIXES:
            if title.endswith(suffix):
                title, benefit = title[: -len(suffix)].strip(), False
        key = search_key(title)
        if key in seen:
            report.errors.append(RowError(1, title, "این شاخص دو بار در سطر عنوان آمده است."))
        seen.add(key)
        columns.append((position, title, benefit, existing.get(key)))
    if not columns:
        raise DomainError("هیچ ستون شاخصی پیدا نشد.")
    counties = {c.name_key: c.pk for c in counties_of(owner).only("id", "name_key")}
    parsed: dict[tuple[int, int], float] = {}
    seen_counties: dict[int, int] = {}
    for row_number, row in enumerate(rows[1:], start=2):
        county_name = _cell_text(row[0] if row else "")
        county_id = counties.get(search_key(county_name)) if county_name else None
        if county_id is None:
            message = "نام شهرستان خالی است." if not county_name else f"«{county_name}» شهرستانی از این استان نیست."
            report.errors.append(RowError(row_number, "شهرستان", message))
        elif county_id in seen_counties:
            report.errors.append(
                RowError(
                    row_number,
                    "شهرستان",
                    f"«{county_name}» در ردیف {to_persian_digits(seen_counties[county_id])} هم آمده است.",
                )
            )
        else:
            seen_counties[county_id] = row_number
        for index, (position, title, _, _) in enumerate(columns, start=1):
            raw = row[position] if position < len(row) else None
            if raw is None or _cell_text(raw) == "":
                report.errors.append(RowError(row_number, title, "مقدار خالی است."))
                continue
            try:
                value = parse_number(raw)
            except DomainError as error:
                report.errors.append(RowError(row_number, title, error.message))
                continue
            if county_id is not None:
                parsed[(index, county_id)] = value
    if report.errors:
        return report
    with transaction.atomic():
        indicators: dict[int, Indicator] = {}
        for index, (_, title, benefit, indicator) in enumerate(columns, start=1):
            if indicator is None:
                indicator = indicator_create(owner=owner, title=title, is_benefit=benefit, by=by)
                report.created_indicators.append(title)
            indicators[index] = indicator
        IndicatorValue.objects.filter(
            indicator__in=list(indicators.values()), county_id__in=list(seen_counties)
        ).delete()
        IndicatorValue.objects.bulk_create(
            [IndicatorValue(indicator=indicators[i], county_id=c, value=v) for (i, c), v in parsed.items()]
        )
        report.values = len(parsed)
        audit(
            actor=by,
            action="development.indicators.imported",
            target=owner,
            data={"rows": report.rows, "values": report.values, "created": len(report.created_indicators)},
        )
    return report


def template_xlsx(owner: Organization) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "شاخص‌ها"
    sheet.sheet_view.rightToLeft = True
    indicators = list(Indicator.objects.filter(owner=owner))
    titles = [i.title + ("" if i.is_benefit else " (کمتر بهتر)") for i in indicators] or [
        "نرخ باسوادی",
        "نرخ بیکاری (کمتر بهتر)",
    ]
    sheet.append(["شهرستان", *titles])
    for county in counties_of(owner)[:3]:
        sheet.append([county.name, *["" for _ in titles]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
