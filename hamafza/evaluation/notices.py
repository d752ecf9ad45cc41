"""What evaluation tells people through the notification service: returned answers and overdue actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from hamafza.evaluation.models import ActionStatus, Answer, AnswerSource, CorrectiveAction, RoundUnit
from hamafza.notifications.kinds import register_kind
from hamafza.notifications.models import Notification
from hamafza.notifications.recipients import managers_of, people_with
from hamafza.notifications.services import notify, notify_once
from hamafza.organizations import permissions as org_permissions

ANSWER_RETURNED = "evaluation.answer.returned"
ACTION_OVERDUE = "evaluation.action.overdue"
OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.CONSTRAINED)


def _unit_of(notification: Any) -> Any:
    target = notification.target
    if isinstance(target, CorrectiveAction):
        return target.owner_organization
    return getattr(target, "unit", None)


def _can_open(user: Any, notification: Any) -> bool:
    # The pages these link to are the unit's own (or, for HQ, the follow-up list): the same capability decides.
    unit = _unit_of(notification)
    return unit is not None and (
        org_permissions.can(user, "evaluation.self_assess", unit)
        or org_permissions.can_anywhere(user, "evaluation.manage")
    )


def register_kinds() -> None:
    register_kind(
        ANSWER_RETURNED,
        "پاسخ بازگشتی ارزیابی",
        can_open=_can_open,
        target_queryset=lambda: RoundUnit.objects.select_related("unit"),
    )
    register_kind(
        ACTION_OVERDUE,
        "اقدام اصلاحی عقب‌افتاده",
        can_open=_can_open,
        target_queryset=lambda: CorrectiveAction.objects.select_related("owner_organization"),
    )


def answer_returned(*, answer: Answer, by: Any) -> int:
    """Tell whoever must fix a returned answer: the unit's people for self-assessment, else its inspector."""
    round_unit = answer.round_unit
    title = f"پاسخ «{answer.item.title}» برای اصلاح به {round_unit.unit.name} بازگشت"
    if answer.source == AnswerSource.SELF:
        recipients = list(people_with("evaluation.self_assess", round_unit.unit))
        url = reverse("evaluation:self_assessment", args=[round_unit.pk])
    else:
        recipients = [answer.inspector] if answer.inspector_id else []
        url = reverse("evaluation:unit", args=[round_unit.pk])
    return notify(
        recipients=recipients,
        kind=ANSWER_RETURNED,
        title=title,
        body=answer.review_comment,
        url=url,
        target=round_unit,
        by=by,
    )


def overdue_actions_notify(*, today: dt.date, by: Any = None) -> int:
    """Tell each overdue action's owner and its unit's managers, once per action; returns how many were told."""
    told = 0
    # Actions already reminded about are left out up front, so a daily run costs a few queries once all are told.
    reminded = Notification.objects.filter(
        kind=ACTION_OVERDUE, target_type=ContentType.objects.get_for_model(CorrectiveAction)
    ).values("target_id")
    overdue = (
        CorrectiveAction.objects.filter(due_date__lt=today, status__in=OPEN_STATUSES)
        .exclude(pk__in=[int(pk) for pk in reminded.values_list("target_id", flat=True)])
        .select_related("owner", "owner_organization", "root_cause__finding__round_unit__round")
        .order_by("due_date", "pk")
    )
    for action in overdue.iterator(chunk_size=500):
        recipients = [action.owner, *managers_of(action.owner_organization)]
        told += notify_once(
            recipients=recipients,
            kind=ACTION_OVERDUE,
            title=f"مهلت اقدام اصلاحی «{action.title}» گذشته است",
            body=f"واحد مسئول: {action.owner_organization.name}",
            url=reverse("evaluation:action_update", args=[action.pk]),
            target=action,
            by=by,
        )
    return told
