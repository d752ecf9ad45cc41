"""Engagement's part of «کارهای من»: decisions to carry out, requests to answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from hamafza.core.work import RoleNote, WorkItem
from hamafza.engagement import permissions
from hamafza.engagement.models import ActionItem, ActionStatus, EngagementRequest, RequestStatus, Stakeholder
from hamafza.persian import format_number


def action_items_work(user: Any) -> Iterator[WorkItem]:
    today = timezone.localdate()
    summary = (
        ActionItem.objects.filter(owner=user)
        .exclude(status=ActionStatus.DONE)
        .aggregate(count=Count("id"), due=Min("due_on"), late=Count("id", filter=Q(due_on__lt=today)))
    )
    if summary["count"]:
        yield WorkItem(
            label="مصوبه‌های جلسه‌ها",
            count=summary["count"],
            url=reverse("engagement:my_actions"),
            due_at=summary["due"],
            is_overdue=bool(summary["late"]),
            icon="check2-square",
            group="تعامل",
        )


def requests_work(user: Any) -> Iterator[WorkItem]:
    """Open requests this person's side owes an answer to."""
    if not permissions.uses_requests(user):
        return
    today = timezone.localdate()
    agency = permissions._agency_q(user)
    owed = Q(pk__in=[])
    if agency is not None:
        owed |= Q(is_to_agency=True) & agency
    represented = permissions.represented_ids(user)
    if represented:
        owed |= Q(is_to_agency=False, stakeholder_id__in=represented)
    summary = EngagementRequest.objects.filter(owed, status=RequestStatus.OPEN).aggregate(
        count=Count("id"), due=Min("due_on"), late=Count("id", filter=Q(due_on__lt=today))
    )
    if summary["count"]:
        yield WorkItem(
            label="درخواست‌های تعامل در انتظار پاسخ",
            count=summary["count"],
            url=reverse("engagement:request_list") + "?status=open",
            due_at=summary["due"],
            is_overdue=bool(summary["late"]),
            icon="chat-left-text",
            group="تعامل",
        )


def representative_note(user: Any) -> Iterator[RoleNote]:
    """What an NGO representative's home holds: their organization's page, its requests and joint programs."""
    represented = permissions.represented_ids(user)
    if not represented:
        return
    links: list[tuple[str, str]] = [
        (name, reverse("engagement:stakeholder_detail", args=[pk]))
        for pk, name in Stakeholder.objects.filter(pk__in=represented)
        .order_by("sort_key")
        .values_list("pk", "name")[:2]
    ]
    waiting = EngagementRequest.objects.filter(
        stakeholder_id__in=represented, is_to_agency=True, status=RequestStatus.OPEN
    ).count()
    links.append(("درخواست‌های همکاری", reverse("engagement:request_list")))
    links.append(("برنامه‌های مشترک", reverse("engagement:joint_programs")))
    text = (
        "درخواست‌های همکاری سمن شما با دستگاه‌ها و پاسخ آن‌ها، نشست‌هایی که به آن دعوت شده‌اید و برنامه‌های "
        "مشترک در این صفحه و پیوندهای زیر است. از «درخواست‌های همکاری» درخواست تازه بفرستید؛ هر درخواست در "
        "مهلت معین پاسخ می‌گیرد."
    )
    if waiting:
        text += f" اکنون {format_number(waiting)} درخواست شما در انتظار پاسخ دستگاه است."
    yield RoleNote(role="نماینده سمن", text=text, links=tuple(links))
