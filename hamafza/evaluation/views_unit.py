"""Pages for one unit in one round: its hub, self-assessment, the office's review, objections, findings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError, VersionConflict
from hamafza.evaluation import permissions, selectors
from hamafza.evaluation.errors import MissingEvidence
from hamafza.evaluation.forms import ActionProgressForm, CorrectiveActionForm, FindingForm
from hamafza.evaluation.models import (
    Answer,
    AnswerSource,
    ChecklistItem,
    CorrectiveAction,
    Finding,
    Objection,
    RootCause,
    RoundState,
)
from hamafza.evaluation.services import follow_up, review
from hamafza.evaluation.services.answers import AnswerInput, answer_save, parse_value, self_assessment_submit
from hamafza.evaluation.services.evidence import evidence_add
from hamafza.persian import format_number, to_latin_digits, to_persian_digits


@login_required
def unit_hub(request: HttpRequest, pk: int) -> HttpResponse:
    round_unit = permissions.get_round_unit_or_404(request.user, pk)
    user = request.user
    findings = (
        Finding.objects.filter(round_unit=round_unit).prefetch_related("root_causes__actions").order_by("kind", "id")
    )
    # The next round shows what was done about the last one's findings.
    previous_actions = CorrectiveAction.objects.none()
    if round_unit.round.previous_round_id:
        previous_actions = CorrectiveAction.objects.filter(
            root_cause__finding__round_unit__round_id=round_unit.round.previous_round_id,
            root_cause__finding__round_unit__unit_id=round_unit.unit_id,
        ).order_by("due_date")
    return render(
        request,
        "evaluation/unit_hub.html",
        {
            "ru": round_unit,
            "previous_actions": previous_actions,
            "round": round_unit.round,
            "findings": findings,
            "can_self_assess": permissions.can_self_assess(user, round_unit),
            "is_inspector": permissions.is_assigned(user, round_unit),
            "can_manage": permissions.can_manage_round(user, round_unit.round),
            "finding_form": FindingForm(),
            "action_form": CorrectiveActionForm(),
        },
    )


def _posted(request: HttpRequest, item: ChecklistItem) -> AnswerInput | None:
    prefix = f"item-{item.pk}-"
    if f"{prefix}value" not in request.POST and f"{prefix}na" not in request.POST:
        return None
    return AnswerInput(
        value=request.POST.get(f"{prefix}value", ""),
        is_not_applicable=request.POST.get(f"{prefix}na") == "on",
        note=request.POST.get(f"{prefix}note", ""),
    )


@login_required
def self_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    round_unit = permissions.get_round_unit_or_404(request.user, pk, action="self_assess")
    errors: dict[int, str] = {}
    if request.method == "POST":
        items = round_unit.round.framework_version.items.all()
        saved = 0
        for item in items:
            data = _posted(request, item)
            if data is None:
                continue
            existing = (
                Answer.objects.filter(round_unit=round_unit, item=item, source=AnswerSource.SELF)
                .select_related("item")
                .first()
            )
            unchanged = existing is not None and (
                existing.is_not_applicable == data.is_not_applicable
                and existing.note == data.note.strip()
                and _same_value(existing, data.value)
            )
            if unchanged or (existing is None and not data.value.strip() and not data.is_not_applicable):
                continue
            version = to_latin_digits(request.POST.get(f"item-{item.pk}-version", "0"))
            try:
                answer_save(
                    round_unit=round_unit,
                    item=item,
                    source=AnswerSource.SELF,
                    by=request.user,
                    data=data,
                    base_version=int(version) if version.isdigit() else None,
                )
                saved += 1
            except DomainError as error:
                errors[item.pk] = error.message
        if "submit" in request.POST and not errors:
            try:
                self_assessment_submit(
                    round_unit=round_unit,
                    by=request.user,
                    strengths=request.POST.get("strengths", ""),
                    weaknesses=request.POST.get("weaknesses", ""),
                )
            except MissingEvidence as error:
                messages.error(request, _missing_evidence_message(error))
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, "خوداظهاری ارسال شد.")
                return redirect("evaluation:unit", pk=round_unit.pk)
        elif not errors:
            messages.success(
                request, f"{to_persian_digits(saved)} پاسخ ذخیره شد." if saved else "تغییری برای ذخیره نبود."
            )
            return redirect("evaluation:self_assessment", pk=round_unit.pk)
        else:
            # Say what really happened: on a locked or closed round every save fails and nothing was kept.
            failed = to_persian_digits(len(errors))
            if saved:
                messages.error(
                    request,
                    f"{failed} پاسخ ذخیره نشد؛ خطای هر پرسش کنار آن آمده است. "
                    f"{to_persian_digits(saved)} پاسخ دیگر ذخیره شد.",
                )
            else:
                messages.error(request, f"هیچ پاسخی ذخیره نشد؛ خطای هر پرسش کنار آن آمده است ({failed} پرسش).")
    tree = selectors.checklist_with_answers(round_unit, AnswerSource.SELF)
    _attach_display_values(tree, request.POST if request.method == "POST" else None)
    return render(
        request,
        "evaluation/self_assessment.html",
        {
            "ru": round_unit,
            "round": round_unit.round,
            "tree": tree,
            "errors": errors,
            "posted": request.POST if errors else None,
            "evidence": round_unit.evidence.select_related("answer__item").order_by("-uploaded_at"),
            "editable": round_unit.round.state in (RoundState.SELF_ASSESSMENT, RoundState.REVIEW),
            "objection_open": round_unit.round.state == RoundState.OBJECTION,
        },
    )


def _missing_evidence_message(error: MissingEvidence) -> str:
    """The refusal with a link to each question, so the person lands on the one to fix."""
    links = format_html_join("، ", '<a href="#item-{}">{}</a>', ((item.pk, item.title) for item in error.items))
    return format_html("این پرسش‌ها مستند لازم دارند و هنوز مستندی برایشان بارگذاری نشده است: {}", links)


def _attach_display_values(tree: list[dict[str, Any]], posted: Any) -> None:
    """What each input shows: the text just typed when the page comes back with errors, else the stored value."""
    for axis_block in tree:
        for indicator_block in axis_block["indicators"]:
            for entry in indicator_block["items"]:
                item, answer = entry["item"], entry["answer"]
                key = f"item-{item.pk}-value"
                if posted is not None and key in posted:
                    entry["display"] = posted[key]
                elif answer is None:
                    entry["display"] = ""
                elif answer.value_number is None:
                    entry["display"] = answer.value_text
                elif item.item_type == "yes_no":
                    entry["display"] = "بله" if answer.value_number == 1 else "خیر"
                else:
                    entry["display"] = format_number(answer.value_number)


def _same_value(answer: Answer, raw: str) -> bool:
    try:
        number, text = parse_value(answer.item, raw)
    except DomainError:
        return False
    return number == answer.value_number and text == answer.value_text


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    round_unit = permissions.get_round_unit_or_404(request.user, pk)
    upload = request.FILES.get("file")
    answer = None
    item_id = request.POST.get("item")
    if item_id and item_id.isdigit():
        answer = Answer.objects.filter(round_unit=round_unit, item_id=int(item_id)).first()
    if upload is None:
        messages.error(request, "پرونده‌ای انتخاب نشده است.")
    else:
        try:
            evidence_add(round_unit=round_unit, upload=upload, by=request.user, answer=answer)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"مستند «{upload.name}» ثبت شد.")
    # ``next`` comes from the page that posted (the self-assessment or the unit hub); anything pointing
    # elsewhere (another site, a scheme) is ignored, so the form cannot be used to send people away.
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("evaluation:self_assessment", pk=round_unit.pk)


@login_required
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    round_unit = permissions.get_round_unit_or_404(request.user, pk, action="manage")
    self_tree = selectors.checklist_with_answers(round_unit, AnswerSource.SELF)
    inspected: dict[int, list[Answer]] = {}
    for answer in Answer.objects.filter(round_unit=round_unit, source=AnswerSource.INSPECTION).select_related(
        "inspector", "item"
    ):
        inspected.setdefault(answer.item_id, []).append(answer)
    objections = Objection.objects.filter(answer__round_unit=round_unit).select_related("answer__item")
    return render(
        request,
        "evaluation/review.html",
        {
            "ru": round_unit,
            "round": round_unit.round,
            "tree": self_tree,
            "inspected": inspected,
            "objections": objections,
            "review_open": round_unit.round.state == RoundState.REVIEW,
            "objection_open": round_unit.round.state == RoundState.OBJECTION,
        },
    )


@login_required
@require_POST
def answer_review(request: HttpRequest, pk: int, answer_pk: int) -> HttpResponse:
    round_unit = permissions.get_round_unit_or_404(request.user, pk, action="manage")
    answer = get_object_or_404(Answer.objects.select_related("item"), pk=answer_pk, round_unit=round_unit)
    try:
        review.answer_review(
            answer=answer,
            status=request.POST.get("status", ""),
            comment=request.POST.get("comment", ""),
            by=request.user,
        )
    except DomainError as error:
        messages.error(request, f"«{answer.item.title}»: {error.message}")
    return redirect("evaluation:review", pk=round_unit.pk)


@login_required
@require_POST
def objection_raise(request: HttpRequest, pk: int, answer_pk: int) -> HttpResponse:
    round_unit = permissions.get_round_unit_or_404(request.user, pk, action="self_assess")
    answer = get_object_or_404(Answer.objects.select_related("item"), pk=answer_pk, round_unit=round_unit)
    try:
        review.objection_raise(
            answer=answer,
            text=request.POST.get("text", ""),
            by=request.user,
            attachment=request.FILES.get("attachment"),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "اعتراض ثبت شد.")
    return redirect("evaluation:self_assessment", pk=round_unit.pk)


@login_required
@require_POST
def objection_decide(request: HttpRequest, pk: int, objection_pk: int) -> HttpResponse:
    round_unit = permissions.get_round_unit_or_404(request.user, pk, action="manage")
    objection = get_object_or_404(
        Objection.objects.select_related("answer__item"), pk=objection_pk, answer__round_unit=round_unit
    )
    raw_value = to_latin_digits(request.POST.get("corrected_value", "")).strip()
    try:
        value = float(raw_value) if raw_value else None
    except ValueError:
        messages.error(request, "مقدار اصلاح‌شده باید عدد باشد.")
        return redirect("evaluation:review", pk=round_unit.pk)
    try:
        review.objection_decide(
            objection=objection,
            accept=request.POST.get("decision") == "accept",
            note=request.POST.get("note", ""),
            by=request.user,
            corrected_value=value,
        )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("evaluation:review", pk=round_unit.pk)


@login_required
@require_POST
def finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    round_unit = permissions.get_round_unit_or_404(request.user, pk)
    form = FindingForm(request.POST)
    if not form.is_valid():
        messages.error(request, "شرح یافته را بنویسید.")
    else:
        try:
            follow_up.finding_add(round_unit=round_unit, by=request.user, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
    return redirect("evaluation:unit", pk=round_unit.pk)


@login_required
@require_POST
def action_add(request: HttpRequest, pk: int, cause_pk: int) -> HttpResponse:
    round_unit = permissions.get_round_unit_or_404(request.user, pk)
    cause = get_object_or_404(RootCause.objects.select_related("finding"), pk=cause_pk, finding__round_unit=round_unit)
    form = CorrectiveActionForm(request.POST)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(request, error)
    else:
        try:
            follow_up.corrective_action_add(root_cause=cause, by=request.user, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
    return redirect("evaluation:unit", pk=round_unit.pk)


@login_required
def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(
        CorrectiveAction.objects.select_related("root_cause__finding__round_unit__round__office", "owner_organization"),
        pk=pk,
    )
    round_unit = action.root_cause.finding.round_unit
    if not permissions.can_view_round_unit(request.user, round_unit):
        raise Http404
    context: dict[str, Any] = {
        "action": action,
        "ru": round_unit,
        "can_follow_actions": permissions.can_follow_actions(request.user),
    }
    if not permissions.can_update_action(request.user, action):
        # Someone who may see the action but not report on it reads it; no form they could not save.
        if request.method == "POST":
            raise Http404
        return render(request, "evaluation/action_form.html", {**context, "form": None})
    form = ActionProgressForm(
        request.POST or None,
        initial={
            "status": action.status,
            "progress": action.progress,
            "status_note": action.status_note,
            "version": action.version,
        },
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            follow_up.corrective_action_update(
                action=action,
                by=request.user,
                version=data["version"],
                status=data["status"],
                progress=data["progress"],
                note=data["status_note"],
            )
        except VersionConflict as error:
            conflict = True
            form.add_error(None, error.message)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "وضعیت اقدام به‌روز شد.")
            return redirect("evaluation:unit", pk=round_unit.pk)
    return render(
        request,
        "evaluation/action_form.html",
        {**context, "form": form, "conflict": conflict},
        status=409 if conflict else 200,
    )
