"""Activities: meetings, consultations, sessions, conferences and courses; minutes become action items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.core.uploads import DOCUMENT_KINDS, MB, check_upload, generated_name, original_name
from hamafza.engagement import permissions
from hamafza.engagement.models import (
    ActionItem,
    ActionStatus,
    Activity,
    ActivityAttachment,
    ActivityKind,
    Participant,
    Room,
    Stakeholder,
)
from hamafza.engagement.services.facilities import booking_for_activity, room_lock
from hamafza.notifications.services import notify
from hamafza.organizations.models import Organization
from hamafza.persian import normalize

ATTACHMENT_MAX_BYTES = 20 * MB


@dataclass(frozen=True)
class Decision:
    title: str
    owner: Any
    due_on: dt.date


def _ensure_manager(activity: Activity, by: Any) -> None:
    if by is not None and not permissions.can_manage_activity(by, activity):
        raise PermissionDenied("شما از سوی این دستگاه اجازه این کار را ندارید.")


@transaction.atomic
def activity_create(
    *,
    organization: Organization,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    by: Any,
    place: str = "",
    room: Room | None = None,
    capacity: int | None = None,
    agenda: str = "",
    question: str = "",
) -> Activity:
    if by is not None and not permissions.can_act_for(by, organization):
        raise PermissionDenied("شما از سوی این دستگاه اجازه ثبت فعالیت ندارید.")
    if kind not in ActivityKind.values:
        raise DomainError("نوع فعالیت معتبر نیست.")
    if ends_at < starts_at:
        raise DomainError("پایان فعالیت باید پس از شروع آن باشد.")
    if room is not None and room.organization_id != organization.pk:
        raise DomainError("این سالن از آن دستگاه دیگری است.")
    title = normalize(title)
    if not title:
        raise DomainError("عنوان فعالیت را بنویسید.")
    if room is not None:
        # The room's lock before the audit trail's, as in every booking: a meeting and a stakeholder's request for
        # the same hour queue on the room instead of deadlocking on the two locks taken in opposite orders.
        room_lock(room)
    activity = Activity.objects.create(
        organization=organization,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=normalize(place),
        room=room,
        capacity=capacity,
        agenda=normalize(agenda, multiline=True),
        question=normalize(question, multiline=True),
        created_by=by if getattr(by, "pk", None) else None,
    )
    audit(actor=by, action="engagement.activity.created", target=activity, data={"kind": kind})
    if room is not None:
        # Held in one of the agency's rooms: booked through the one booking path, under the room's row lock.
        # An overlap raises here, and the activity goes back with the transaction.
        booking_for_activity(activity=activity, by=by)
    return activity


@transaction.atomic
def participant_add(
    *, activity: Activity, by: Any, stakeholder: Stakeholder | None = None, user: Any = None
) -> Participant:
    _ensure_manager(activity, by)
    if stakeholder is None and user is None:
        raise DomainError("شرکت‌کننده را انتخاب کنید.")
    existing = Participant.objects.filter(activity=activity, stakeholder=stakeholder, user=user).first()
    if existing is not None:
        return existing
    participant = Participant.objects.create(activity=activity, stakeholder=stakeholder, user=user)
    audit(
        actor=by,
        action="engagement.participant.added",
        target=activity,
        data={"stakeholder": getattr(stakeholder, "pk", None), "user": getattr(user, "pk", None)},
    )
    return participant


@transaction.atomic
def course_register(*, activity: Activity, stakeholder: Stakeholder, by: Any) -> Participant:
    """A representative registers their stakeholder for a course; the course's row is locked to count seats."""
    if stakeholder.pk not in permissions.represented_ids(by):
        raise PermissionDenied("شما نماینده این ذی‌نفع نیستید.")
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if locked.kind not in (ActivityKind.TRAINING, ActivityKind.CONFERENCE):
        raise DomainError("ثبت‌نام فقط برای دوره‌های آموزشی و همایش‌هاست.")
    existing = Participant.objects.filter(activity=locked, stakeholder=stakeholder).first()
    if existing is not None:
        return existing
    if locked.capacity is not None and locked.participants.filter(is_registered=True).count() >= locked.capacity:
        raise DomainError("ظرفیت این دوره پر شده است.")
    participant = Participant.objects.create(activity=locked, stakeholder=stakeholder, is_registered=True)
    audit(actor=by, action="engagement.course.registered", target=locked, data={"stakeholder": stakeholder.pk})
    return participant


@transaction.atomic
def attendance_set(*, activity: Activity, present_ids: set[int], by: Any) -> int:
    _ensure_manager(activity, by)
    participants = activity.participants.all()
    participants.update(attended=False)
    count = participants.filter(pk__in=present_ids).update(attended=True)
    audit(actor=by, action="engagement.attendance.set", target=activity, data={"present": sorted(present_ids)})
    return count


@transaction.atomic
def consultation_answer(*, participant: Participant, opinion: str, by: Any) -> Participant:
    """The stakeholder's expert opinion, kept with the consultation it answers."""
    if participant.stakeholder_id not in permissions.represented_ids(by):
        raise PermissionDenied("شما نماینده این ذی‌نفع نیستید.")
    opinion = normalize(opinion, multiline=True)
    if not opinion:
        raise DomainError("متن نظر را بنویسید.")
    from django.utils import timezone

    participant.opinion = opinion
    participant.answered_at = timezone.now()
    participant.save(update_fields=["opinion", "answered_at"])
    audit(actor=by, action="engagement.consultation.answered", target=participant.activity)
    return participant


@transaction.atomic
def minutes_save(*, activity: Activity, minutes: str, decisions: list[Decision], version: int, by: Any) -> Activity:
    """Keep the minutes; each decision becomes an action item in its owner's «کارهای من»."""
    _ensure_manager(activity, by)
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if locked.version != version:
        raise VersionConflict()
    locked.minutes = normalize(minutes, multiline=True)
    locked.version += 1
    locked.save(update_fields=["minutes", "version"])
    users = get_user_model()
    created = []
    for decision in decisions:
        title = normalize(decision.title)
        if not title:
            continue
        if not isinstance(decision.owner, users):
            raise DomainError("مسئول هر مصوبه باید یکی از کاربران سامانه باشد.")
        created.append(ActionItem(activity=locked, title=title[:300], owner=decision.owner, due_on=decision.due_on))
    ActionItem.objects.bulk_create(created)
    audit(actor=by, action="engagement.minutes.saved", target=locked, data={"action_items": len(created)})
    for item in created:
        notify(
            recipients=[item.owner],
            kind="engagement.action.assigned",
            title=f"مصوبه تازه: {item.title}",
            body=locked.title,
            url=reverse("engagement:my_actions"),
            target=locked,
            by=by,
        )
    return locked


@transaction.atomic
def action_item_set_status(*, item: ActionItem, status: str, by: Any) -> ActionItem:
    if status not in ActionStatus.values:
        raise DomainError("وضعیت معتبر نیست.")
    if item.owner_id != getattr(by, "pk", None) and not permissions.can_manage_activity(by, item.activity):
        raise PermissionDenied("این مصوبه به شما سپرده نشده است.")
    item.status = status
    item.save(update_fields=["status"])
    audit(actor=by, action="engagement.action.status", target=item, data={"status": status})
    return item


@transaction.atomic
def attachment_add(*, activity: Activity, upload: Any, title: str = "", by: Any) -> ActivityAttachment:
    """A file of the activity (minutes as PDF, photos, documents), checked by ``hamafza.core.uploads``: its type
    told from its structure, its size limited, stored under a generated name; the person's name is kept as data."""
    _ensure_manager(activity, by)
    kind = check_upload(upload, allowed=DOCUMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES)
    attachment = ActivityAttachment(
        activity=activity,
        title=normalize(title)[:200],
        original_name=original_name(getattr(upload, "name", "")),
        content_type=kind.content_type,
        size=upload.size,
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
    attachment.file.save(generated_name(kind), upload, save=False)
    attachment.save()
    audit(
        actor=by,
        action="engagement.attachment.added",
        target=activity,
        data={"attachment": attachment.pk, "name": attachment.original_name, "size": attachment.size},
    )
    return attachment
