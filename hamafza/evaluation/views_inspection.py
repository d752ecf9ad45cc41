"""Field inspection on a phone (seed 002's field visit, the ministry's 5-day inspection).

The page renders the checklist once; ``static/js/inspection.js`` then saves every change as it is made through
the JSON endpoints below, queuing it on the device while the connection is away. The endpoints answer in JSON
only — a 404, a domain error or an expired session included — because the script, not a person, reads them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_POST

from hamafza.core.errors import DomainError, VersionConflict
from hamafza.evaluation import permissions, selectors
from hamafza.evaluation.errors import InvalidAnswer
from hamafza.evaluation.models import Answer, AnswerSource, ChecklistItem, Evidence, ItemType, RoundState, RoundUnit
from hamafza.evaluation.services.answers import AnswerInput, answer_save, inspection_submit, parse_value
from hamafza.evaluation.services.evidence import evidence_add
from hamafza.persian import format_number, normalize, to_persian_digits

BAD_REQUEST = "درخواست نامعتبر است؛ صفحه را دوباره باز کنید."
NOT_YOURS = "این واحد در فهرست بازدیدهای شما نیست."
# A segmented control wider than this no longer fits a phone; such scales get a number box instead.
MAX_SCALE_STEPS = 11

JsonView = Callable[..., HttpResponse]


def _json_endpoint(view: JsonView) -> JsonView:
    """Login and ownership failures answered in JSON: a fetch() must not follow a redirect to the login page,
    and a 404 page in HTML would look to the script like a broken connection."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return JsonResponse({"detail": "نشست شما پایان یافته است؛ دوباره وارد شوید."}, status=401)
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return JsonResponse({"detail": NOT_YOURS}, status=404)

    return wrapper


def _number_text(value: float) -> str:
    """A stored number as the inspector would type it: ۱۲ rather than ۱۲٫۰."""
    if not math.isfinite(value):
        return ""
    return format_number(int(value)) if value.is_integer() else format_number(value)


def _canonical_number(value: float) -> str:
    # The same text JavaScript's String(Number(x)) gives, so relevance compares equal on both sides.
    return str(int(value)) if value.is_integer() else repr(value)


def input_value(item: ChecklistItem, answer: Answer | None) -> str:
    """What the item's input holds for a saved answer: "1"/"0" for yes/no, the scale step, or the typed text."""
    if answer is None or answer.is_not_applicable:
        return ""
    if answer.value_number is None:
        return answer.value_text
    if item.item_type in (ItemType.YES_NO, ItemType.SCALE):
        return _canonical_number(answer.value_number) if math.isfinite(answer.value_number) else ""
    return _number_text(answer.value_number)


def display_value(item: ChecklistItem, answer: Answer | None) -> str:
    """The saved answer in words, for the conflict message."""
    if answer is None:
        return "بی‌پاسخ"
    if answer.is_not_applicable:
        return "موضوعیت ندارد"
    if answer.value_number is None:
        return answer.value_text or "بی‌پاسخ"
    if item.item_type == ItemType.YES_NO:
        return "بله" if answer.value_number == 1 else "خیر"
    return _number_text(answer.value_number)


def canonical(item: ChecklistItem, raw: str) -> str:
    """A value reduced to the form inspection.js compares relevance conditions in."""
    try:
        number, text = parse_value(item, raw)
    except DomainError:
        return normalize(raw or "").strip()
    return text.strip() if number is None else _canonical_number(number)


def _scale_steps(item: ChecklistItem) -> list[tuple[str, str]] | None:
    low, high = item.scale_min, item.scale_max
    if item.item_type != ItemType.SCALE or low is None or high is None:
        return None
    if not (low.is_integer() and high.is_integer()) or not 0 < high - low < MAX_SCALE_STEPS:
        return None
    return [(str(step), to_persian_digits(step)) for step in range(int(low), int(high) + 1)]


def _inspection_context(round_unit: RoundUnit, user: Any) -> dict[str, Any]:
    tree = selectors.checklist_with_answers(round_unit, AnswerSource.INSPECTION, inspector=user)
    entries = [entry for axis in tree for indicator in axis["indicators"] for entry in indicator["items"]]
    by_item = {entry["item"].pk: entry for entry in entries}
    evidence: dict[int, list[Evidence]] = {}
    mine = Evidence.objects.filter(
        answer__round_unit=round_unit, answer__source=AnswerSource.INSPECTION, answer__inspector=user
    )
    for ev in mine.order_by("pk"):
        evidence.setdefault(ev.answer_id or 0, []).append(ev)
    required = answered = 0
    for entry in entries:
        item, answer = entry["item"], entry["answer"]
        entry["value"] = input_value(item, answer)
        entry["scale_steps"] = _scale_steps(item)
        entry["standard"] = _number_text(item.standard) if item.standard is not None else ""
        entry["evidence"] = evidence.get(answer.pk, []) if answer else []
        controller = by_item.get(item.relevant_if_item_id or 0)
        entry["relevant_value"] = canonical(controller["item"], item.relevant_if_value) if controller else ""
    for entry in entries:
        # The first paint hides what the saved answers make irrelevant; the script re-decides on every change.
        entry["hidden"] = not _is_relevant(entry, by_item)
        counts = entry["item"].is_required and entry["item"].item_type != ItemType.FILE and not entry["hidden"]
        required += counts
        answered += counts and bool(entry["answer"] and (entry["answer"].is_not_applicable or entry["value"]))
    return {"tree": tree, "required": required, "answered": answered}


def _is_relevant(entry: dict[str, Any], by_item: dict[int, dict[str, Any]], depth: int = 0) -> bool:
    item = entry["item"]
    controller = by_item.get(item.relevant_if_item_id or 0)
    if controller is None:
        return True
    if depth > len(by_item) or not _is_relevant(controller, by_item, depth + 1):
        return False
    answer = controller["answer"]
    if answer is None or answer.is_not_applicable:
        return False
    return canonical(controller["item"], controller["value"]) == entry["relevant_value"]


@login_required
@require_GET
def inspect(request: HttpRequest, pk: int) -> HttpResponse:
    round_unit = permissions.get_round_unit_or_404(request.user, pk, action="inspect")
    round_ = round_unit.round
    context = _inspection_context(round_unit, request.user)
    return render(
        request,
        "evaluation/inspection_checklist.html",
        {
            **context,
            "ru": round_unit,
            "round": round_,
            "editable": round_.state == RoundState.FIELD_INSPECTION,
            # Per person and unit: two inspectors sharing one tablet never send each other's answers.
            "storage_key": f"hamafza:inspection:{request.user.pk}:{round_unit.pk}",
        },
    )


def _item_of(round_unit: RoundUnit, raw: Any) -> ChecklistItem:
    item_id = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
    if isinstance(raw, str) and raw.isdigit():
        item_id = int(raw)
    item = ChecklistItem.objects.filter(pk=item_id, version_id=round_unit.round.framework_version_id).first()
    if item_id is None or item is None:
        raise InvalidAnswer("این پرسش از چارچوب این دوره نیست.")
    return item


def _text_field(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InvalidAnswer(BAD_REQUEST)
    return str(value)


def _base_version(raw: Any) -> int | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
        return raw
    if isinstance(raw, str) and raw.isdigit():
        return int(raw)
    raise InvalidAnswer(BAD_REQUEST)


def _answer_input(item: ChecklistItem, body: dict[str, Any]) -> AnswerInput:
    data = AnswerInput(
        value=_text_field(body, "value"),
        is_not_applicable=body.get("na") is True,
        note=_text_field(body, "note"),
    )
    if not data.is_not_applicable:
        number, _ = parse_value(item, data.value)
        # float() reads "inf" and "nan" as numbers; neither is a finding anyone can score or show.
        if number is not None and not math.isfinite(number):
            raise InvalidAnswer(f"پاسخ «{item.title}» باید عدد باشد.")
    return data


def _current(round_unit: RoundUnit, item: ChecklistItem, user: Any) -> dict[str, Any]:
    answer = Answer.objects.filter(
        round_unit=round_unit, item=item, source=AnswerSource.INSPECTION, inspector=user
    ).first()
    return {
        "value": input_value(item, answer),
        "display": display_value(item, answer),
        "na": bool(answer and answer.is_not_applicable),
        "note": answer.note if answer else "",
        "version": answer.version if answer else 0,
        # Lets the device recognise its own earlier save whose reply was lost, and not call it a conflict.
        "client_token": answer.client_token if answer else "",
    }


@_json_endpoint
@require_POST
def inspect_answer(request: HttpRequest, pk: int) -> HttpResponse:
    round_unit = permissions.get_round_unit_or_404(request.user, pk, action="inspect")
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"detail": BAD_REQUEST}, status=400)
    if not isinstance(body, dict):
        return JsonResponse({"detail": BAD_REQUEST}, status=400)
    try:
        item = _item_of(round_unit, body.get("item"))
        data = _answer_input(item, body)
        base_version = _base_version(body.get("base_version"))
        token = _text_field(body, "client_token")
        if len(token) > 64:
            raise InvalidAnswer(BAD_REQUEST)
    except DomainError as error:
        return JsonResponse({"detail": error.message}, status=error.status_code)
    try:
        answer, changed = answer_save(
            round_unit=round_unit,
            item=item,
            source=AnswerSource.INSPECTION,
            by=request.user,
            data=data,
            base_version=base_version,
            client_token=token,
        )
    except VersionConflict as error:
        current = _current(round_unit, item, request.user)
        return JsonResponse({"detail": error.message, "current": current}, status=409)
    except DomainError as error:
        return JsonResponse({"detail": error.message}, status=error.status_code)
    return JsonResponse({"version": answer.version, "saved": changed})


@_json_endpoint
@require_POST
def inspect_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    round_unit = permissions.get_round_unit_or_404(request.user, pk, action="inspect")
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"detail": "پرونده‌ای انتخاب نشده است."}, status=400)
    try:
        item = _item_of(round_unit, request.POST.get("item", ""))
        # One transaction: a refused file must not leave behind the empty answer made to hold it.
        with transaction.atomic():
            answer = Answer.objects.filter(
                round_unit=round_unit, item=item, source=AnswerSource.INSPECTION, inspector=request.user
            ).first()
            if answer is None and item.item_type != ItemType.FILE:
                raise InvalidAnswer("ابتدا به این پرسش پاسخ دهید؛ مستند به پاسخ شما پیوست می‌شود.")
            if answer is None:
                # For a file item the file is the answer; it needs an answer row to hang on.
                answer, _ = answer_save(
                    round_unit=round_unit,
                    item=item,
                    source=AnswerSource.INSPECTION,
                    by=request.user,
                    data=AnswerInput(),
                )
            evidence = evidence_add(round_unit=round_unit, upload=upload, by=request.user, answer=answer)
    except DomainError as error:
        return JsonResponse({"detail": error.message}, status=error.status_code)
    return JsonResponse(
        {
            "id": evidence.pk,
            "name": evidence.original_name,
            "size": to_persian_digits(filesizeformat(evidence.size)),
            "version": answer.version,
        },
        status=201,
    )


@login_required
@require_POST
def inspect_submit(request: HttpRequest, pk: int) -> HttpResponse:
    round_unit = permissions.get_round_unit_or_404(request.user, pk, action="inspect")
    try:
        inspection_submit(round_unit=round_unit, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("evaluation:inspect", pk=round_unit.pk)
    messages.success(request, f"بازدید میدانی {round_unit.unit.name} ارسال شد.")
    return redirect("evaluation:unit", pk=round_unit.pk)


urlpatterns: list[URLPattern] = [
    path("units/<int:pk>/inspect/", inspect, name="inspect"),
    path("units/<int:pk>/inspect/answers/", inspect_answer, name="inspect_answer"),
    path("units/<int:pk>/inspect/evidence/", inspect_evidence, name="inspect_evidence"),
    path("units/<int:pk>/inspect/submit/", inspect_submit, name="inspect_submit"),
]
