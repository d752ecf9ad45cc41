"""What must hold before a self-assessment or an inspection is sent: required answers, and evidence where the
framework asks for it (the seed's "this question needs evidence" rule, enforced, not just shown)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q

from hamafza.evaluation.errors import MissingEvidence
from hamafza.evaluation.models import Answer, ChecklistItem, Evidence, RoundUnit


def items_missing_evidence(round_unit: RoundUnit, source: str) -> list[ChecklistItem]:
    """Questions answered (not «not applicable», not empty) that need evidence and have none attached."""
    answers = (
        Answer.objects.filter(
            round_unit=round_unit, source=source, item__is_evidence_required=True, is_not_applicable=False
        )
        .filter(Q(value_number__isnull=False) | ~Q(value_text=""))
        .filter(~Exists(Evidence.objects.filter(answer=OuterRef("pk"))))
        .select_related("item__indicator__axis")
        .order_by("item__indicator__axis__order", "item__indicator__order", "item__order")
    )
    return [answer.item for answer in answers]


def ensure_evidence(round_unit: RoundUnit, source: str) -> None:
    missing = items_missing_evidence(round_unit, source)
    if missing:
        raise MissingEvidence(missing)


def missing_titles(items: list[Any]) -> str:
    return "، ".join(f"«{title}»" for title in items[:5])
