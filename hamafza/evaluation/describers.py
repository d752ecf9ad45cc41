"""How evaluation's audit events read: «سعید نوروزی پاسخ «…» را در خوداظهاری منطقه ۱۲ ثبت کرد: بله».

Registered from ``EvaluationConfig.ready`` into ``hamafza.core.describe``. Each ``prepare`` loads what a page
of entries needs in one query (question titles, units, inspectors), whatever the number of entries.
"""

from __future__ import annotations

from typing import Any

from django.template.defaultfilters import filesizeformat

from hamafza.accounts.models import User
from hamafza.core.describe import Entry, EventKind, human_value, register_describer
from hamafza.evaluation.models import (
    ActionStatus,
    ChecklistItem,
    FindingKind,
    ItemType,
    ReviewStatus,
    RoundState,
    RoundUnit,
)
from hamafza.persian import to_persian_digits


def _units(entries: list[Entry]) -> dict[str, str]:
    ids = {int(e.target_id) for e in entries if e.target_id.isdigit()}
    return {str(pk): name for pk, name in RoundUnit.objects.filter(pk__in=ids).values_list("pk", "unit__name")}


def _with_items(entries: list[Entry]) -> dict[str, Any]:
    codes = {str(e.data.get("item", "")) for e in entries}
    items = {item.code: item for item in ChecklistItem.objects.filter(code__in=codes).order_by("version_id")}
    return {"units": _units(entries), "items": items}


def _prep_units(entries: list[Entry]) -> dict[str, Any]:
    return {"units": _units(entries)}


def _unit(entry: Entry, prepared: Any) -> str:
    """The unit's own name (a round-unit's label also carries the round's title, too long for a sentence)."""
    return (prepared or {}).get("units", {}).get(entry.target_id) or entry.target


def _question(entry: Entry, prepared: dict[str, Any]) -> str:
    item = prepared["items"].get(entry.data.get("item"))
    return item.title if item else "یک پرسش"


def _answer_text(entry: Entry, prepared: dict[str, Any]) -> str:
    if entry.data.get("na"):
        return "موضوعیت ندارد"
    value = entry.data.get("value")
    item = prepared["items"].get(entry.data.get("item"))
    if item is not None and item.item_type == ItemType.YES_NO and isinstance(value, int | float):
        return "بله" if value >= 1 else "خیر"
    return human_value(value)


def _answer_kind(where: str) -> EventKind:
    return EventKind(
        label=f"ثبت پاسخ {where}",
        prepare=_with_items,
        sentence=lambda e, p: (
            f"{e.who} پاسخ «{_question(e, p)}» را در {where} {_unit(e, p)} ثبت کرد: {_answer_text(e, p)}"
        ),
        fields={"value": "پاسخ", "na": "موضوعیت ندارد"},
        values=lambda key, value, p: None,
    )


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return human_value(value)


def _people(entries: list[Entry]) -> dict[str, Any]:
    ids = {e.data.get("inspector") for e in entries} - {None}
    names = {pk: user.display_name for pk, user in User.objects.in_bulk(ids).items()}
    return {"units": _units(entries), "people": names}


def register() -> None:
    register_describer("evaluation.answer.self_saved", _answer_kind("خوداظهاری"))
    register_describer("evaluation.answer.inspection_saved", _answer_kind("بازدید میدانی"))
    register_describer(
        "evaluation.answer.reviewed",
        EventKind(
            label="بررسی پاسخ",
            prepare=_with_items,
            sentence=lambda e, p: (
                f"{e.who} پاسخ «{_question(e, p)}» {_unit(e, p)} را بررسی کرد: {_label(ReviewStatus, e.data.get('status'))}"
            ),
            fields={"comment": "توضیح"},
        ),
    )
    register_describer(
        "evaluation.objection.raised",
        EventKind(
            label="ثبت اعتراض",
            prepare=_with_items,
            sentence=lambda e, p: f"{e.who} به پاسخ «{_question(e, p)}» {_unit(e, p)} اعتراض کرد.",
        ),
    )
    register_describer(
        "evaluation.objection.decided",
        EventKind(
            label="تصمیم درباره اعتراض",
            prepare=_with_items,
            sentence=lambda e, p: (
                f"{e.who} اعتراض {_unit(e, p)} به «{_question(e, p)}» را "
                f"{'پذیرفت' if e.data.get('accepted') else 'رد کرد'}."
            ),
            fields={"corrected_value": "مقدار اصلاح‌شده"},
        ),
    )
    register_describer(
        "evaluation.evidence.added",
        EventKind(
            label="بارگذاری مستند",
            prepare=_prep_units,
            sentence=lambda e, p: f"{e.who} مستند «{e.data.get('name', '')}» را برای {_unit(e, p)} بارگذاری کرد.",
            fields={"size": "حجم"},
            values=lambda key, value, p: to_persian_digits(filesizeformat(value)) if key == "size" else None,
        ),
    )
    register_describer(
        "evaluation.self_assessment.submitted",
        EventKind(
            label="ارسال خوداظهاری",
            prepare=_prep_units,
            sentence=lambda e, p: (
                f"{e.who} خوداظهاری {_unit(e, p)} را{' با تأخیر' if e.data.get('late') else ''} ارسال کرد."
            ),
            fields={"late": "پس از مهلت", "first": "نخستین ارسال"},
        ),
    )
    register_describer(
        "evaluation.inspection.submitted",
        EventKind(
            label="ارسال بازدید میدانی",
            prepare=_prep_units,
            sentence=lambda e, p: f"{e.who} بازدید میدانی {_unit(e, p)} را ارسال کرد.",
        ),
    )
    register_describer(
        "evaluation.round.created",
        EventKind(label="ساخت دوره", sentence=lambda e, p: f"{e.who} دوره «{e.target}» را ساخت."),
    )
    register_describer(
        "evaluation.round.units_added",
        EventKind(
            label="افزودن واحد به دوره",
            sentence=lambda e, p: (
                f"{e.who} {to_persian_digits(len(e.data.get('units', [])))} واحد را به دوره «{e.target}» افزود."
            ),
        ),
    )
    for state in RoundState:
        register_describer(
            f"evaluation.round.{state.value}",
            EventKind(
                label="تغییر مرحله دوره",
                sentence=lambda e, p: (
                    f"{e.who} دوره «{e.target}» را به مرحله «{_label(RoundState, e.data.get('to'))}» برد."
                ),
                fields={"from": "مرحله پیشین"},
                values=lambda key, value, p: _label(RoundState, value),
            ),
        )
    for action, verb in (("created", "تعیین کرد"), ("deleted", "برداشت")):
        register_describer(
            f"evaluation.assignment.{action}",
            EventKind(
                label="تعیین بازرس" if action == "created" else "برداشتن بازرس",
                prepare=_people,
                sentence=lambda e, p, verb=verb: (
                    f"{e.who} {p['people'].get(e.data.get('inspector'), 'بازرس')} را برای بازدید {_unit(e, p)} {verb}."
                ),
            ),
        )
    register_describer(
        "evaluation.framework.version_created",
        EventKind(
            label="ساخت نسخه چارچوب",
            sentence=lambda e, p: (
                f"{e.who} نسخه {to_persian_digits(e.data.get('number', ''))} چارچوب «{e.target}» را ساخت."
            ),
            fields={"items": "تعداد پرسش‌ها"},
        ),
    )
    register_describer(
        "evaluation.finding.added",
        EventKind(
            label="ثبت یافته",
            prepare=_prep_units,
            sentence=lambda e, p: f"{e.who} یک {_label(FindingKind, e.data.get('kind'))} برای {_unit(e, p)} ثبت کرد.",
            fields={"theme": "موضوع"},
        ),
    )
    register_describer(
        "evaluation.root_cause.added",
        EventKind(
            label="عارضه‌یابی",
            prepare=_prep_units,
            sentence=lambda e, p: f"{e.who} علت ریشه‌ای یک یافته {_unit(e, p)} را ثبت کرد.",
        ),
    )
    register_describer(
        "evaluation.action.added",
        EventKind(
            label="تعریف اقدام اصلاحی",
            prepare=_prep_units,
            sentence=lambda e, p: f"{e.who} اقدام اصلاحی «{e.data.get('title', '')}» را برای {_unit(e, p)} تعریف کرد.",
        ),
    )
    register_describer(
        "evaluation.action.updated",
        EventKind(
            label="گزارش پیشرفت اقدام اصلاحی",
            prepare=_prep_units,
            sentence=lambda e, p: (
                f"{e.who} وضعیت یک اقدام اصلاحی {_unit(e, p)} را «{_label(ActionStatus, e.data.get('status'))}» "
                f"با پیشرفت {to_persian_digits(e.data.get('progress', 0))}٪ گزارش کرد."
            ),
        ),
    )
    register_describer(
        "evaluation.findings.routed",
        EventKind(
            label="ارجاع یافته‌ها",
            sentence=lambda e, p: (
                f"{e.who} {to_persian_digits(e.data.get('count', 0))} یافته با موضوع «{e.data.get('theme', '')}» "
                "را به واحد ستادی ارجاع داد."
            ),
        ),
    )
