"""Every write of the development app: atomic, audited, refused with a Persian ``DomainError``."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from hamafza.analytics.decision import MAX_CONSISTENCY_RATIO, ahp
from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.core.uploads import XLSX, check_upload, check_xlsx_limits
from hamafza.development import permissions
from hamafza.development.models import (
    CRITERIA,
    Adoption,
    Capacity,
    CapacityKind,
    Challenge,
    CriteriaWeights,
    Experience,
    Indicator,
    IndicatorValue,
    KeyWork,
    Period,
    Pledge,
    PledgeKind,
    PledgerKind,
    PledgeStatus,
)
from hamafza.organizations.models import Organization
from hamafza.persian import format_number, index_terms, normalize, search_key, to_latin_digits, to_persian_digits
from hamafza.places.models import County
from hamafza.programs import permissions as program_permissions
from hamafza.programs.models import Program, ProgramKind
from hamafza.programs.services import program_create

# ---- numbers typed by people ---------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def parse_number(raw: Any) -> float:
    """«۱۲٫۵», «1,200», «۷۵٪» → a float; anything else is a Persian refusal."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    text = to_latin_digits(str(raw or "")).strip()
    text = text.replace("٫", ".").replace("٬", "").replace(",", "").replace("٪", "").replace("%", "").strip()
    if not _NUMBER.fullmatch(text):
        raise DomainError(f"«{normalize(str(raw or ''))}» عدد نیست.")
    return float(text)


def parse_judgement(raw: Any) -> float:
    """A pairwise judgement: «۳», «۱/۳», «0.5», «۱٫۵»; positive and within Saaty's 1/9 … 9."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
    else:
        text = to_latin_digits(str(raw or "")).strip().replace("٫", ".").replace("⁄", "/").replace("÷", "/")
        text = text.replace(" ", "")
        if not text:
            raise DomainError("همه مقایسه‌ها را بنویسید.")
        try:
            value = float(Fraction(text))
        except (ValueError, ZeroDivisionError):
            raise DomainError(
                f"«{normalize(str(raw))}» مقایسه معتبری نیست؛ عددی مانند ۳ یا کسری مانند ۱/۳ بنویسید."
            ) from None
    if not 1 / 9 - 1e-9 <= value <= 9 + 1e-9:
        raise DomainError("هر مقایسه عددی میان ۱/۹ و ۹ است (مقیاس ساعتی).")
    return value


def matrix_from_upper(upper: list[float]) -> list[list[float]]:
    """The reciprocal 3×3 matrix from its upper triangle [a12, a13, a23]."""
    a12, a13, a23 = upper
    return [[1.0, a12, a13], [1 / a12, 1.0, a23], [1 / a13, 1 / a23, 1.0]]


# ---- talent cores --------------------------------------------------------------------------------------------


def _check_version(obj: Any, version: int | None) -> None:
    if version is not None and int(version) != obj.version:
        raise VersionConflict()


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


# ---- development indicators ----------------------------------------------------------------------------------

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


# ---- key works -----------------------------------------------------------------------------------------------


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


# ---- pledges -------------------------------------------------------------------------------------------------

# pledged → confirmed → delivered; a pledge not yet delivered may be cancelled.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    PledgeStatus.PLEDGED: (PledgeStatus.CONFIRMED, PledgeStatus.CANCELLED),
    PledgeStatus.CONFIRMED: (PledgeStatus.DELIVERED, PledgeStatus.CANCELLED),
    PledgeStatus.DELIVERED: (),
    PledgeStatus.CANCELLED: (),
}


@transaction.atomic
def pledge_create(
    *,
    program: Program,
    by: Any,
    pledger_kind: str,
    kind: str,
    name: str = "",
    amount: Any = None,
    description: str = "",
    public_name: bool = False,
    stakeholder: Any = None,
) -> Pledge:
    if by is None or not getattr(by, "is_authenticated", False):
        raise PermissionDenied("برای اعلام مشارکت وارد سامانه شوید.")
    if not program_permissions.can_view_program(by, program):
        raise PermissionDenied("این برنامه در دسترس شما نیست.")
    if pledger_kind not in PledgerKind.values:
        raise DomainError("نوع مشارکت‌کننده معتبر نیست.")
    if kind not in PledgeKind.values:
        raise DomainError("نوع مشارکت معتبر نیست.")
    value = None
    if amount not in (None, ""):
        number = parse_number(amount)
        if not number.is_integer() or number <= 0 or number >= 10**18:
            raise DomainError("مبلغ را به ریال و به عدد درست مثبت بنویسید.")
        value = int(number)
    if kind == PledgeKind.MONEY and value is None:
        raise DomainError("برای مشارکت مالی مبلغ را به ریال بنویسید.")
    description = normalize(description or "", multiline=True)
    if kind != PledgeKind.MONEY and not description:
        raise DomainError("بنویسید چه کمکی در این زمینه می‌کنید.")
    if pledger_kind == PledgerKind.NGO:
        if stakeholder is None:
            raise DomainError("سازمان مردم‌نهادی را که از سوی آن مشارکت می‌کنید انتخاب کنید.")
        name = stakeholder.name
    name = normalize(name or "") or (by.get_full_name() or by.get_username())
    # A double submit of the same pledge within the same minute is the same pledge.
    duplicate = Pledge.objects.filter(
        program=program, user=by, kind=kind, amount=value, description=description, status=PledgeStatus.PLEDGED
    ).first()
    if duplicate is not None:
        return duplicate
    pledge = Pledge.objects.create(
        program=program,
        user=by,
        stakeholder=stakeholder,
        pledger_kind=pledger_kind,
        name=name,
        kind=kind,
        amount=value,
        description=description,
        public_name=bool(public_name),
    )
    audit(actor=by, action="development.pledge.created", target=pledge, data={"kind": kind, "amount": value})
    return pledge


@transaction.atomic
def pledge_advance(*, pledge: Pledge, to: str, by: Any, version: int | None = None) -> Pledge:
    if by is not None and not permissions.can_handle_pledges(by, pledge.program):
        raise PermissionDenied("رسیدگی به تعهدهای این برنامه در اختیار شما نیست.")
    current = Pledge.objects.select_for_update().get(pk=pledge.pk)
    if current.status == to:
        return current  # a double submit: already there
    _check_version(current, version)
    if to not in TRANSITIONS.get(current.status, ()):
        raise DomainError(
            f"تعهدی که «{current.get_status_display()}» است نمی‌تواند «{PledgeStatus(to).label if to in PledgeStatus.values else to}» شود."
        )
    before = current.status
    current.status = to
    current.version += 1
    current.save(update_fields=["status", "version", "updated_at"])
    audit(actor=by, action="development.pledge.advanced", target=current, data={"from": before, "to": to})
    return current


# ---- experiences ---------------------------------------------------------------------------------------------

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
