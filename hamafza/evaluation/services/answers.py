"""Answers to checklist items, by the unit (self-assessment) and by inspectors (field inspection).

Two promises to an inspector on a flaky phone connection:
* a resend of the same submission (same ``client_token``) is recognised and changes nothing;
* a save based on an older version than the stored one is refused as a conflict, never applied over it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from hamafza.core.audit import audit
from hamafza.core.errors import PermissionDenied, VersionConflict
from hamafza.evaluation import permissions
from hamafza.evaluation.errors import InvalidAnswer
from hamafza.evaluation.models import (
    Answer,
    AnswerSource,
    ChecklistItem,
    ItemType,
    ReviewStatus,
    RoundState,
    RoundUnit,
)
from hamafza.evaluation.services.guards import ensure_state, ensure_unlocked, lock_round
from hamafza.evaluation.services.submission import ensure_evidence, missing_titles
from hamafza.persian import normalize, to_latin_digits, to_persian_digits

# A written answer is a sentence or a paragraph, a note a few lines; a 100,000-character "answer" is an attack.
MAX_ANSWER_TEXT = 4000
MAX_NOTE = 2000


@dataclass(frozen=True)
class AnswerInput:
    value: str = ""
    is_not_applicable: bool = False
    note: str = ""


def parse_value(item: ChecklistItem, raw: str) -> tuple[float | None, str]:
    """Turn what was typed into (number, text) for the item's type, with a Persian message when it cannot."""
    text = normalize(raw or "")
    if len(text) > MAX_ANSWER_TEXT:
        raise InvalidAnswer(f"پاسخ «{item.title}» حداکثر {to_persian_digits(MAX_ANSWER_TEXT)} نویسه است.")
    if item.item_type in (ItemType.TEXT, ItemType.FILE):
        return None, text
    if text == "":
        return None, ""
    latin = to_latin_digits(text).replace("٫", ".").replace("٬", "").replace(",", "").strip()
    if item.item_type == ItemType.YES_NO:
        yes = {"1", "yes", "true", "بله", "آری", "دارد"}
        no = {"0", "no", "false", "خیر", "ندارد"}
        if latin.lower() in yes:
            return 1.0, ""
        if latin.lower() in no:
            return 0.0, ""
        raise InvalidAnswer(f"پاسخ «{item.title}» باید بله یا خیر باشد.")
    try:
        number = float(latin.rstrip("%"))
    except ValueError as error:
        raise InvalidAnswer(f"پاسخ «{item.title}» باید عدد باشد.") from error
    if not math.isfinite(number):
        raise InvalidAnswer(f"پاسخ «{item.title}» باید عدد باشد.")
    if item.item_type == ItemType.PERCENTAGE and not 0 <= number <= 100:
        raise InvalidAnswer(f"پاسخ «{item.title}» باید درصدی میان ۰ تا ۱۰۰ باشد.")
    if item.item_type == ItemType.SCALE and item.scale_min is not None and item.scale_max is not None:
        if not item.scale_min <= number <= item.scale_max:
            raise InvalidAnswer(f"پاسخ «{item.title}» باید در طیف تعریف‌شده باشد.")
    if number < 0:
        raise InvalidAnswer(f"پاسخ «{item.title}» نمی‌تواند منفی باشد.")
    return number, ""


def _may_write(by: Any, round_unit: RoundUnit, source: str, existing: Answer | None) -> None:
    round_ = round_unit.round
    ensure_unlocked(round_)
    if source == AnswerSource.SELF:
        if by is not None and not permissions.can_self_assess(by, round_unit):
            raise PermissionDenied("شما اجازه خوداظهاری برای این واحد را ندارید.")
        returned = existing is not None and existing.review_status == ReviewStatus.RETURNED
        if round_.state == RoundState.REVIEW and returned:
            return
        ensure_state(round_, RoundState.SELF_ASSESSMENT, message="مهلت خوداظهاری این دوره گذشته است.")
    else:
        if by is not None and not permissions.is_assigned(by, round_unit):
            raise PermissionDenied("شما بازرس این واحد نیستید.")
        ensure_state(round_, RoundState.FIELD_INSPECTION, message="بازدید میدانی این دوره باز نیست.")


@transaction.atomic
def answer_save(
    *,
    round_unit: RoundUnit,
    item: ChecklistItem,
    source: str,
    by: Any,
    data: AnswerInput,
    base_version: int | None = None,
    client_token: str = "",
    require_base_version: bool = False,
) -> tuple[Answer, bool]:
    """Save one answer. Returns (answer, changed): ``changed`` is False for a recognised resend.

    With ``require_base_version`` (every API write), changing an existing answer without saying which version
    it was based on is a conflict, never a silent overwrite of a save the caller has not seen.
    """
    round_unit.round = lock_round(round_unit.round_id)
    if item.version_id != round_unit.round.framework_version_id:
        raise InvalidAnswer("این پرسش از چارچوب این دوره نیست.")
    inspector = by if source == AnswerSource.INSPECTION else None
    existing = (
        Answer.objects.select_for_update()
        .filter(round_unit=round_unit, item=item, source=source, inspector=inspector)
        .first()
    )
    if existing is not None and client_token and existing.client_token == client_token:
        return existing, False
    _may_write(by, round_unit, source, existing)
    if existing is not None and base_version is None and require_base_version:
        raise VersionConflict(
            "این پاسخ پیش‌تر ذخیره شده است؛ برای تغییر آن نسخه‌ای را که دیده‌اید (base_version) بفرستید. "
            "مقدار کنونی در پاسخ آمده است."
        )
    number, text = (None, "") if data.is_not_applicable else parse_value(item, data.value)
    note = normalize(data.note)
    if len(note) > MAX_NOTE:
        raise InvalidAnswer(f"توضیح «{item.title}» حداکثر {to_persian_digits(MAX_NOTE)} نویسه است.")
    if existing is None:
        if base_version not in (None, 0):
            raise VersionConflict()
        try:
            with transaction.atomic():
                answer = Answer.objects.create(
                    round_unit=round_unit,
                    item=item,
                    source=source,
                    inspector=inspector,
                    value_number=number,
                    value_text=text,
                    is_not_applicable=data.is_not_applicable,
                    note=note,
                    client_token=client_token,
                    updated_by=by if getattr(by, "pk", None) else None,
                )
        except IntegrityError as error:
            # Another save created it a moment ago: this one was based on no version, so it is stale.
            raise VersionConflict() from error
    else:
        if base_version is not None and base_version != existing.version:
            raise VersionConflict(
                "این پاسخ پس از باز شدن فرم شما جای دیگری (دستگاه یا زبانه‌ای دیگر، یا همکارتان) ذخیره شده است. "
                "مقدار تازه را ببینید و دوباره ثبت کنید."
            )
        existing.value_number = number
        existing.value_text = text
        existing.is_not_applicable = data.is_not_applicable
        existing.note = note
        existing.client_token = client_token
        existing.version += 1
        existing.updated_by = by if getattr(by, "pk", None) else None
        if existing.review_status == ReviewStatus.RETURNED:
            existing.review_status = ReviewStatus.PENDING
        existing.save()
        answer = existing
    audit(
        actor=by,
        action=f"evaluation.answer.{source}_saved",
        target=round_unit,
        data={"item": item.code, "value": number if number is not None else text, "na": data.is_not_applicable},
    )
    return answer, True


@transaction.atomic
def self_assessment_submit(*, round_unit: RoundUnit, by: Any, strengths: str = "", weaknesses: str = "") -> RoundUnit:
    if by is not None and not permissions.can_self_assess(by, round_unit):
        raise PermissionDenied("شما اجازه خوداظهاری برای این واحد را ندارید.")
    round_unit.round = lock_round(round_unit.round_id)
    ensure_state(round_unit.round, RoundState.SELF_ASSESSMENT, message="مهلت خوداظهاری این دوره گذشته است.")
    missing = missing_required_items(round_unit, AnswerSource.SELF)
    if missing:
        raise InvalidAnswer(f"{len(missing)} پرسش الزامی هنوز پاسخ ندارد: {missing_titles(missing)}")
    ensure_evidence(round_unit, AnswerSource.SELF)
    round_unit.strengths = normalize(strengths)
    round_unit.weaknesses = normalize(weaknesses)
    first = round_unit.self_submitted_at is None
    round_unit.self_submitted_at = timezone.now()
    round_unit.save(update_fields=["strengths", "weaknesses", "self_submitted_at"])
    due = round_unit.round.self_assessment_due
    late = bool(due and timezone.localdate(round_unit.self_submitted_at) > due)
    audit(
        actor=by,
        action="evaluation.self_assessment.submitted",
        target=round_unit,
        data={"late": late, "first": first},
    )
    return round_unit


def missing_required_items(round_unit: RoundUnit, source: str, inspector: Any = None) -> list[str]:
    items = round_unit.round.framework_version.items.filter(is_required=True).exclude(item_type=ItemType.FILE)
    # A row with neither a value nor «not applicable» (a cleared field) is not an answer.
    answered = Answer.objects.filter(round_unit=round_unit, source=source).filter(
        Q(is_not_applicable=True) | Q(value_number__isnull=False) | ~Q(value_text="")
    )
    if inspector is not None:
        answered = answered.filter(inspector=inspector)
    answered_ids = set(answered.values_list("item_id", flat=True))
    # Titles, not codes: the list goes straight into a message a person reads.
    return [item.title for item in items if item.pk not in answered_ids and item.relevant_if_item_id is None]


@transaction.atomic
def inspection_submit(*, round_unit: RoundUnit, by: Any) -> RoundUnit:
    if not permissions.is_assigned(by, round_unit):
        raise PermissionDenied("شما بازرس این واحد نیستید.")
    round_unit.round = lock_round(round_unit.round_id)
    ensure_state(round_unit.round, RoundState.FIELD_INSPECTION, message="بازدید میدانی این دوره باز نیست.")
    missing = missing_required_items(round_unit, AnswerSource.INSPECTION, inspector=by)
    if missing:
        raise InvalidAnswer(f"{len(missing)} پرسش الزامی هنوز پاسخ ندارد: {missing_titles(missing)}")
    round_unit.inspection_submitted_at = timezone.now()
    round_unit.save(update_fields=["inspection_submitted_at"])
    audit(actor=by, action="evaluation.inspection.submitted", target=round_unit)
    return round_unit
