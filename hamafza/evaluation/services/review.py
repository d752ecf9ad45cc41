"""The office reviews each answer; units object once per item in the objection window; the office decides."""

from __future__ import annotations

import math
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied
from hamafza.core.uploads import generated_name, original_name
from hamafza.evaluation import notices, permissions
from hamafza.evaluation.models import Answer, Objection, ObjectionDecision, ReviewStatus, RoundState
from hamafza.evaluation.services.evidence import EVIDENCE_KINDS, sniff
from hamafza.evaluation.services.guards import ensure_state, lock_round
from hamafza.persian import normalize


@transaction.atomic
def answer_review(*, answer: Answer, status: str, comment: str, by: Any) -> Answer:
    round_ = lock_round(answer.round_unit.round_id)
    if by is not None and not permissions.can_manage_round(by, round_):
        raise PermissionDenied("بررسی پاسخ‌ها کار دفتر ارزیابی است.")
    ensure_state(round_, RoundState.REVIEW, message="بررسی پاسخ‌ها فقط در مرحله بررسی انجام می‌شود.")
    if status not in ReviewStatus.values or status == ReviewStatus.PENDING:
        raise DomainError("نتیجه بررسی معتبر نیست.")
    comment = normalize(comment)
    if status in (ReviewStatus.HAS_ISSUES, ReviewStatus.RETURNED) and not comment:
        raise DomainError("برای پاسخِ دارای ایراد یا بازگشتی، توضیح بنویسید تا واحد بداند چه باید بکند.")
    was_returned = answer.review_status == ReviewStatus.RETURNED
    answer.review_status = status
    answer.review_comment = comment
    answer.save(update_fields=["review_status", "review_comment", "updated_at"])
    if status == ReviewStatus.RETURNED and not was_returned:
        notices.answer_returned(answer=answer, by=by)
    audit(
        actor=by,
        action="evaluation.answer.reviewed",
        target=answer.round_unit,
        data={"item": answer.item.code, "status": status, "comment": comment},
    )
    return answer


@transaction.atomic
def objection_raise(*, answer: Answer, text: str, by: Any, attachment: UploadedFile | None = None) -> Objection:
    round_unit = answer.round_unit
    if by is not None and not permissions.can_self_assess(by, round_unit):
        raise PermissionDenied("فقط خود واحد می‌تواند به نتیجه ارزیابی‌اش اعتراض کند.")
    ensure_state(lock_round(round_unit.round_id), RoundState.OBJECTION, message="مهلت اعتراض این دوره باز نیست.")
    if Objection.objects.filter(answer__round_unit=round_unit, answer__item=answer.item).exists():
        raise DomainError("برای هر پرسش فقط یک بار می‌توان اعتراض کرد و اعتراض این پرسش پیش‌تر ثبت شده است.")
    text = normalize(text)
    if not text:
        raise DomainError("متن اعتراض را بنویسید.")
    if len(text) > 2000:
        raise DomainError("متن اعتراض حداکثر ۲۰۰۰ نویسه است.")
    objection = Objection(answer=answer, text=text, raised_by=by if getattr(by, "pk", None) else None)
    if attachment is not None:
        objection.attachment_type = sniff(attachment)
        objection.attachment_name = original_name(attachment.name)
        kind = next(kind for kind in EVIDENCE_KINDS if kind.content_type == objection.attachment_type)
        objection.attachment.save(generated_name(kind), attachment, save=False)
    objection.save()
    audit(actor=by, action="evaluation.objection.raised", target=round_unit, data={"item": answer.item.code})
    return objection


@transaction.atomic
def objection_decide(
    *, objection: Objection, accept: bool, note: str, by: Any, corrected_value: float | None = None
) -> Objection:
    round_ = lock_round(objection.answer.round_unit.round_id)
    if by is not None and not permissions.can_manage_round(by, round_):
        raise PermissionDenied("تصمیم درباره اعتراض با دفتر ارزیابی است.")
    ensure_state(round_, RoundState.OBJECTION, message="مهلت رسیدگی به اعتراض‌ها گذشته است.")
    # float() reads "nan" and "inf" too; a corrected value must be an ordinary number.
    if corrected_value is not None and not math.isfinite(corrected_value):
        raise DomainError("مقدار اصلاح‌شده باید عدد باشد.")
    if objection.decision != ObjectionDecision.PENDING:
        raise DomainError("درباره این اعتراض پیش‌تر تصمیم گرفته شده است.")
    objection.decision = ObjectionDecision.ACCEPTED if accept else ObjectionDecision.REJECTED
    objection.decision_note = normalize(note)
    objection.decided_by = by if getattr(by, "pk", None) else None
    objection.decided_at = timezone.now()
    objection.save()
    if accept and corrected_value is not None:
        # An accepted objection corrects the value that counts: every answer of that item for that unit.
        Answer.objects.filter(round_unit=objection.answer.round_unit, item=objection.answer.item).update(
            value_number=corrected_value
        )
    audit(
        actor=by,
        action="evaluation.objection.decided",
        target=objection.answer.round_unit,
        data={"item": objection.answer.item.code, "accepted": accept, "corrected_value": corrected_value},
    )
    return objection
