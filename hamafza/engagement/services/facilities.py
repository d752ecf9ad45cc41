"""Rooms and halls an agency offers to stakeholders; bookings requested and approved without double booking.

Every booking write locks the room's row first (``select_for_update``), so two simultaneous requests for the
same hour queue on the lock and the second one sees the first and is refused.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied
from hamafza.engagement import permissions
from hamafza.engagement.models import Activity, Booking, BookingStatus, Room, Stakeholder
from hamafza.engagement.people import representatives_of
from hamafza.notifications.services import notify
from hamafza.organizations.models import Organization
from hamafza.persian import format_jalali_datetime, normalize

HOLDING = (BookingStatus.REQUESTED, BookingStatus.APPROVED)
OVERLAP_MESSAGE = "سالن در این بازه رزرو شده است: «{purpose}» از {start}. بازه دیگری انتخاب کنید."


@transaction.atomic
def room_create(*, organization: Organization, name: str, capacity: int, description: str = "", by: Any) -> Room:
    if by is not None and not permissions.can_act_for(by, organization):
        raise PermissionDenied("شما از سوی این دستگاه اجازه ثبت سالن ندارید.")
    name = normalize(name)
    if not name:
        raise DomainError("نام سالن را بنویسید.")
    if capacity < 1:
        raise DomainError("ظرفیت باید دست‌کم یک نفر باشد.")
    room = Room.objects.create(
        organization=organization, name=name, capacity=capacity, description=normalize(description, multiline=True)
    )
    audit(actor=by, action="engagement.room.created", target=room)
    return room


def _lock_room(room: Room) -> Room:
    return Room.objects.select_for_update().select_related("organization").get(pk=room.pk)


def room_lock(room: Room) -> Room:
    """Take the room's row lock. Every path that books a room takes it before anything else it locks (the audit
    trail's lock above all): the same order everywhere, so two bookings queue instead of deadlocking."""
    return _lock_room(room)


def _refuse_overlap(room: Room, starts_at: dt.datetime, ends_at: dt.datetime, *, exclude: int | None = None) -> None:
    clash = (
        Booking.objects.filter(room=room, status__in=HOLDING, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .exclude(pk=exclude)
        .order_by("starts_at")
        .first()
    )
    if clash is not None:
        from django.utils import timezone

        start = format_jalali_datetime(timezone.localtime(clash.starts_at))
        raise DomainError(OVERLAP_MESSAGE.format(purpose=clash.purpose, start=start))


@transaction.atomic
def booking_request(
    *,
    room: Room,
    purpose: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    by: Any,
    stakeholder: Stakeholder | None = None,
) -> Booking:
    for_agency = permissions.can_act_for(by, room.organization)
    if stakeholder is not None and stakeholder.pk not in permissions.represented_ids(by) and not for_agency:
        raise PermissionDenied("شما نماینده این ذی‌نفع نیستید.")
    if stakeholder is None and not for_agency:
        raise PermissionDenied("برای رزرو، ذی‌نفعی را که نماینده آن هستید انتخاب کنید.")
    if ends_at <= starts_at:
        raise DomainError("پایان رزرو باید پس از شروع آن باشد.")
    purpose = normalize(purpose)
    if not purpose:
        raise DomainError("موضوع رزرو را بنویسید.")
    locked = _lock_room(room)
    if not locked.is_active:
        raise DomainError("این سالن در دسترس نیست.")
    _refuse_overlap(locked, starts_at, ends_at)
    booking = Booking.objects.create(
        room=locked,
        stakeholder=stakeholder,
        purpose=purpose[:200],
        starts_at=starts_at,
        ends_at=ends_at,
        # The agency booking its own room needs no one's approval.
        status=BookingStatus.APPROVED if for_agency and stakeholder is None else BookingStatus.REQUESTED,
        requested_by=by if getattr(by, "pk", None) else None,
    )
    audit(actor=by, action="engagement.booking.requested", target=booking, data={"room": locked.pk})
    return booking


@transaction.atomic
def booking_for_activity(*, activity: Activity, by: Any) -> Booking:
    """The agency's own booking of its room for one of its activities (a meeting, a session, a course).

    The same path as every other booking: the room's row is locked first, so a meeting and a stakeholder's
    request for the same hour queue on the lock, and whichever comes second is refused in Persian. The caller
    (``activity_create``) has checked that the person acts for the agency that owns both.
    """
    if activity.room_id is None:
        raise DomainError("برای این فعالیت سالنی انتخاب نشده است.")
    if activity.ends_at <= activity.starts_at:
        raise DomainError("برای رزرو سالن، پایان فعالیت باید پس از شروع آن باشد.")
    locked = _lock_room(activity.room)
    if locked.organization_id != activity.organization_id:
        raise DomainError("این سالن از آن دستگاه دیگری است.")
    if not locked.is_active:
        raise DomainError("این سالن در دسترس نیست.")
    _refuse_overlap(locked, activity.starts_at, activity.ends_at)
    booking = Booking.objects.create(
        room=locked,
        activity=activity,
        purpose=activity.title[:200],
        starts_at=activity.starts_at,
        ends_at=activity.ends_at,
        status=BookingStatus.APPROVED,  # the agency booking its own room needs no one's approval
        requested_by=by if getattr(by, "pk", None) else None,
    )
    audit(
        actor=by,
        action="engagement.booking.requested",
        target=booking,
        data={"room": locked.pk, "activity": activity.pk},
    )
    return booking


@transaction.atomic
def booking_decide(*, booking: Booking, approve: bool, by: Any) -> Booking:
    room = _lock_room(booking.room)
    if not permissions.can_act_for(by, room.organization):
        raise PermissionDenied("تأیید رزرو با دستگاه صاحب سالن است.")
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    target = BookingStatus.APPROVED if approve else BookingStatus.REJECTED
    if booking.status == target:
        return booking
    if booking.status != BookingStatus.REQUESTED:
        raise DomainError("درباره این رزرو پیش‌تر تصمیم گرفته شده است.")
    if approve:
        _refuse_overlap(room, booking.starts_at, booking.ends_at, exclude=booking.pk)
    booking.status = target
    booking.save(update_fields=["status"])
    audit(actor=by, action="engagement.booking.decided", target=booking, data={"status": target})
    if booking.stakeholder_id:
        notify(
            recipients=representatives_of([booking.stakeholder]),
            kind="engagement.booking.decided",
            title=f"رزرو «{booking.purpose}» {'تأیید شد' if approve else 'پذیرفته نشد'}",
            url=reverse("engagement:room_detail", args=[room.pk]),
            target=booking,
            by=by,
        )
    return booking
