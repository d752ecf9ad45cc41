"""Every write to programs and milestones: checked, atomic, audited; stale edits are version conflicts."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.models import Organization
from hamafza.persian import normalize, to_latin_digits
from hamafza.places.models import County, Province
from hamafza.programs.models import Milestone, MilestoneStatus, Program, ProgramKind, ProgramStatus
from hamafza.programs.permissions import EDIT, can_edit_program

EDITABLE_FIELDS = ("title", "kind", "goals", "challenge", "status", "start_date", "end_date", "province", "county")


def _check_fields(
    *,
    title: str,
    kind: str,
    status: str,
    start_date: dt.date | None,
    end_date: dt.date | None,
    province: Province | None,
    county: County | None,
) -> None:
    if not title:
        raise DomainError("عنوان برنامه را بنویسید.")
    if kind not in ProgramKind.values:
        raise DomainError("نوع برنامه معتبر نیست.")
    if status not in ProgramStatus.values:
        raise DomainError("وضعیت برنامه معتبر نیست.")
    if start_date and end_date and end_date < start_date:
        raise DomainError("تاریخ پایان برنامه نمی‌تواند پیش از تاریخ آغاز آن باشد.")
    if county is not None and province is not None and county.province_id != province.pk:
        raise DomainError("این شهرستان در استان انتخاب‌شده نیست.")


def _unique_code(kind: str) -> str:
    # Codes name programs in links and exports; a random suffix keeps two simultaneous creations apart.
    while True:
        code = f"{kind.replace('_', '-')}-{secrets.token_hex(4)}"
        if not Program.objects.filter(code=code).exists():
            return code


@transaction.atomic
def program_create(
    *,
    owner: Organization,
    title: str,
    kind: str,
    by: Any,
    code: str = "",
    goals: str = "",
    challenge: str = "",
    status: str = ProgramStatus.DRAFT,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    province: Province | None = None,
    county: County | None = None,
) -> Program:
    if by is not None and not org_permissions.can(by, EDIT, owner):
        raise PermissionDenied("تعریف برنامه برای این دستگاه در اختیار شما نیست.")
    title = normalize(title)
    _check_fields(
        title=title,
        kind=kind,
        status=status,
        start_date=start_date,
        end_date=end_date,
        province=province,
        county=county,
    )
    code = to_latin_digits(code.strip()).lower() or _unique_code(kind)
    if Program.objects.filter(code=code).exists():
        raise DomainError("برنامه‌ای با این کد پیش‌تر ثبت شده است.")
    if county is not None and province is None:
        province = county.province
    program = Program(
        owner=owner,
        code=code,
        title=title,
        kind=kind,
        goals=normalize(goals, multiline=True),
        challenge=normalize(challenge),
        status=status,
        start_date=start_date,
        end_date=end_date,
        province=province or owner.province,
        county=county,
        created_by=by if getattr(by, "pk", None) else None,
    )
    program.fill_keys()
    program.save()
    audit(actor=by, action="programs.program.created", target=program, data={"kind": kind, "owner": owner.pk})
    return program


@transaction.atomic
def program_update(*, program: Program, by: Any, version: int, **fields: Any) -> Program:
    """Change the given fields; ``version`` is the one the editor saw, so a stale save is a conflict (409)."""
    if by is not None and not can_edit_program(by, program):
        raise PermissionDenied("ویرایش این برنامه در اختیار شما نیست.")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError("این ویژگی‌های برنامه ویرایش‌پذیر نیستند: " + "، ".join(sorted(unknown)))
    values = {name: getattr(program, name) for name in EDITABLE_FIELDS}
    values.update(fields)
    values["title"] = normalize(values["title"])
    values["goals"] = normalize(values["goals"] or "", multiline=True)
    values["challenge"] = normalize(values["challenge"] or "")
    _check_fields(
        title=values["title"],
        kind=values["kind"],
        status=values["status"],
        start_date=values["start_date"],
        end_date=values["end_date"],
        province=values["province"],
        county=values["county"],
    )
    changed = sorted(name for name in fields if getattr(program, name) != values[name])
    for name, value in values.items():
        setattr(program, name, value)
    program.fill_keys()
    updated = Program.objects.filter(pk=program.pk, version=version).update(
        **{name: getattr(program, name) for name in EDITABLE_FIELDS},
        title_key=program.title_key,
        sort_key=program.sort_key,
        search_terms=program.search_terms,
        version=version + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise VersionConflict()
    program.version = version + 1
    audit(actor=by, action="programs.program.updated", target=program, data={"changed": changed})
    return program


@transaction.atomic
def program_publish(*, program: Program, by: Any) -> Program:
    """Open the program's page to everyone; publishing again is harmless and keeps the first date."""
    if by is not None and not can_edit_program(by, program):
        raise PermissionDenied("انتشار این برنامه در اختیار شما نیست.")
    if program.status == ProgramStatus.DRAFT:
        raise DomainError("برنامه پیش‌نویس منتشر نمی‌شود؛ نخست وضعیت آن را «در حال اجرا» کنید.")
    if program.is_published:
        return program
    program.is_public = True
    program.published_at = timezone.now()
    program.save(update_fields=["is_public", "published_at", "updated_at"])
    audit(actor=by, action="programs.program.published", target=program)
    return program


@transaction.atomic
def program_unpublish(*, program: Program, by: Any) -> Program:
    if by is not None and not can_edit_program(by, program):
        raise PermissionDenied("این برنامه در اختیار شما نیست.")
    if program.is_public:
        program.is_public = False
        program.published_at = None
        program.save(update_fields=["is_public", "published_at", "updated_at"])
        audit(actor=by, action="programs.program.unpublished", target=program)
    return program


def parse_weight(raw: Any) -> Decimal:
    try:
        weight = Decimal(to_latin_digits(str(raw)).replace("٫", ".").replace("/", ".").strip())
    except InvalidOperation as error:
        raise DomainError("وزن باید عددی مثبت باشد؛ مانند ۲ یا ۱٫۵.") from error
    if not weight.is_finite() or weight <= 0 or weight >= 100000:
        raise DomainError("وزن باید عددی مثبت باشد؛ مانند ۲ یا ۱٫۵.")
    return weight.quantize(Decimal("0.01"))


def parse_progress(raw: Any) -> int:
    """Progress typed in any digits («۴۵», «٤٥», «45», «۴۵٪») as a whole percentage 0–100."""
    text = to_latin_digits(str(raw)).replace("%", "").replace("٪", "").strip()
    if not text.isdigit():
        raise DomainError("پیشرفت را به درصد و با عدد صحیح بنویسید؛ مانند ۴۵.")
    value = int(text)
    if not 0 <= value <= 100:
        raise DomainError("پیشرفت باید از ۰ تا ۱۰۰ درصد باشد.")
    return value


@transaction.atomic
def milestone_add(
    *, program: Program, title: str, by: Any, weight: Any = 1, due_date: dt.date | None = None
) -> Milestone:
    if by is not None and not can_edit_program(by, program):
        raise PermissionDenied("افزودن نقطه عطف به این برنامه در اختیار شما نیست.")
    title = normalize(title)
    if not title:
        raise DomainError("عنوان نقطه عطف را بنویسید.")
    # Lock the program row so two additions at once get distinct places in the order.
    Program.objects.select_for_update().filter(pk=program.pk).first()
    last = program.milestones.aggregate(last=Max("order"))["last"]
    milestone = Milestone.objects.create(
        program=program, title=title, weight=parse_weight(weight), due_date=due_date, order=(last or 0) + 1
    )
    audit(actor=by, action="programs.milestone.added", target=program, data={"milestone": milestone.pk, "title": title})
    return milestone


@transaction.atomic
def milestone_update_progress(
    *,
    milestone: Milestone,
    progress: Any,
    by: Any,
    version: int | None = None,
    blocked: bool = False,
    note: str = "",
) -> Milestone:
    """Record progress (any digits); 100 % marks it done, anything less is in progress, or blocked if said so."""
    if by is not None and not can_edit_program(by, milestone.program):
        raise PermissionDenied("به‌روزرسانی این نقطه عطف در اختیار شما نیست.")
    value = parse_progress(progress)
    if value == 100:
        status = MilestoneStatus.DONE
    elif blocked:
        status = MilestoneStatus.BLOCKED
    else:
        status = MilestoneStatus.IN_PROGRESS if value > 0 else MilestoneStatus.PLANNED
    current = milestone.version if version is None else version
    updated = Milestone.objects.filter(pk=milestone.pk, version=current).update(
        progress=value,
        status=status,
        note=normalize(note, multiline=True),
        version=current + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise VersionConflict()
    milestone.refresh_from_db()
    audit(
        actor=by,
        action="programs.milestone.progress",
        target=milestone.program,
        data={"milestone": milestone.pk, "progress": value, "status": status},
    )
    return milestone


@transaction.atomic
def milestone_update(
    *, milestone: Milestone, by: Any, version: int, title: str, weight: Any, due_date: dt.date | None
) -> Milestone:
    if by is not None and not can_edit_program(by, milestone.program):
        raise PermissionDenied("ویرایش این نقطه عطف در اختیار شما نیست.")
    title = normalize(title)
    if not title:
        raise DomainError("عنوان نقطه عطف را بنویسید.")
    updated = Milestone.objects.filter(pk=milestone.pk, version=version).update(
        title=title, weight=parse_weight(weight), due_date=due_date, version=version + 1, updated_at=timezone.now()
    )
    if not updated:
        raise VersionConflict()
    milestone.refresh_from_db()
    audit(actor=by, action="programs.milestone.updated", target=milestone.program, data={"milestone": milestone.pk})
    return milestone
