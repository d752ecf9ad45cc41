"""A meeting held in one of the agency's rooms books it through the one booking path (the room's row lock):
an overlap with another booking or meeting is refused in Persian, and the meeting is not created."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from hamafza.core.errors import DomainError
from hamafza.core.models import AuditEntry
from hamafza.engagement.models import Activity, Booking, BookingStatus
from hamafza.engagement.services.activities import activity_create
from hamafza.engagement.services.facilities import booking_request, room_create


def _at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2030, 5, 5, hour, minute, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def hall(world):
    return room_create(organization=world.welfare, name="سالن جلسات بهزیستی", capacity=30, by=world.staff)


def _meeting(world, hall, start: int, end: int, title: str = "نشست فصلی با سمن‌ها"):
    return activity_create(
        organization=world.welfare,
        kind="meeting",
        title=title,
        starts_at=_at(start),
        ends_at=_at(end),
        room=hall,
        by=world.staff,
    )


def test_a_meeting_with_a_room_books_it_approved_and_audited(world, hall):
    meeting = _meeting(world, hall, 10, 12)
    booking = Booking.objects.get(room=hall)
    assert booking.activity == meeting and meeting.booking == booking
    assert (booking.status, booking.starts_at, booking.ends_at) == (BookingStatus.APPROVED, _at(10), _at(12))
    assert booking.purpose == meeting.title and booking.requested_by == world.staff
    assert AuditEntry.objects.filter(action="engagement.booking.requested", target_id=str(booking.pk)).exists()
    # Without a room, nothing is booked.
    activity_create(
        organization=world.welfare, kind="meeting", title="بی سالن", starts_at=_at(10), ends_at=_at(12), by=world.staff
    )
    assert Booking.objects.count() == 1


def test_an_overlapping_meeting_is_refused_in_persian_and_not_created(world, hall):
    _meeting(world, hall, 10, 12)
    with pytest.raises(DomainError) as caught:
        _meeting(world, hall, 11, 13, title="نشست دوم")
    assert "سالن در این بازه رزرو شده است" in caught.value.message
    assert "نشست فصلی با سمن‌ها" in caught.value.message
    assert not Activity.objects.filter(title="نشست دوم").exists()
    assert Booking.objects.filter(room=hall).count() == 1
    # Back to back is fine.
    _meeting(world, hall, 12, 13, title="نشست سوم")
    assert Booking.objects.filter(room=hall).count() == 2


def test_a_meeting_and_a_stakeholders_request_refuse_each_other(world, hall):
    booking_request(
        room=hall, stakeholder=world.ngo, purpose="کارگاه خانواده", starts_at=_at(9), ends_at=_at(11), by=world.rep
    )
    with pytest.raises(DomainError, match="کارگاه خانواده"):
        _meeting(world, hall, 10, 12)
    _meeting(world, hall, 14, 15)
    with pytest.raises(DomainError, match="رزرو شده است"):
        booking_request(
            room=hall,
            stakeholder=world.ngo,
            purpose="جلسه داوطلبان",
            starts_at=_at(14, 30),
            ends_at=_at(16),
            by=world.rep,
        )


def test_a_meeting_in_another_agencys_room_or_of_no_length_is_refused(world, hall):
    env_room = room_create(organization=world.environment, name="سالن محیط زیست", capacity=10, by=world.env_staff)
    with pytest.raises(DomainError, match="دستگاه دیگری"):
        _meeting(world, env_room, 10, 11)
    with pytest.raises(DomainError, match="پس از شروع"):
        _meeting(world, hall, 10, 10)
    assert not Booking.objects.exists() and not Activity.objects.exists()


def test_the_form_shows_the_overlap_in_persian(world, hall, client):
    _meeting(world, hall, 10, 12)
    client.force_login(world.staff)
    response = client.post(
        reverse("engagement:activity_create"),
        {
            "organization": world.welfare.pk,
            "kind": "meeting",
            "title": "نشست هم‌پوشان",
            "starts_at": "۱۴۰۹/۰۲/۱۵ ۱۱:۰۰",  # 2030-05-05
            "ends_at": "۱۴۰۹/۰۲/۱۵ ۱۳:۰۰",
            "room": hall.pk,
        },
    )
    assert response.status_code == 200
    assert "سالن در این بازه رزرو شده است" in response.content.decode()
    assert not Activity.objects.filter(title="نشست هم‌پوشان").exists()
    ok = client.post(
        reverse("engagement:activity_create"),
        {
            "organization": world.welfare.pk,
            "kind": "meeting",
            "title": "نشست بعدازظهر",
            "starts_at": "۱۴۰۹/۰۲/۱۵ ۱۵:۰۰",
            "ends_at": "۱۴۰۹/۰۲/۱۵ ۱۶:۰۰",
            "room": hall.pk,
        },
    )
    assert ok.status_code == 302
    assert Booking.objects.filter(room=hall, activity__title="نشست بعدازظهر").count() == 1


@pytest.mark.postgresql
def test_a_meeting_and_a_request_at_the_same_moment_book_the_room_once(django_db_setup, django_db_blocker):
    """Two threads, two connections, committed data: the room's row lock lets exactly one through."""
    assert connection.vendor == "postgresql"
    from django.db import connections

    from hamafza.accounts.services import user_create
    from hamafza.engagement.models import Room, Stakeholder, StakeholderRepresentative
    from hamafza.engagement.services.stakeholders import StakeholderData, representative_link, stakeholder_create
    from hamafza.organizations.models import Organization, RoleGrant
    from hamafza.organizations.services import organization_create

    with django_db_blocker.unblock():
        org = organization_create(by=None, code="race-meeting-org", name="دستگاه آزمون نشست هم‌زمان", kind="agency")
        room = room_create(organization=org, name="سالن آزمون نشست", capacity=10, by=None)
        staff = user_create(username="race-meeting-staff", password="s3cret-pass-1403", by=None)
        RoleGrant.objects.create(user=staff, role="agency_staff", organization=org)
        rep = user_create(username="race-meeting-rep", password="s3cret-pass-1403", by=None)
        ngo = stakeholder_create(data=StakeholderData(name="سمن آزمون نشست هم‌زمان"), by=None)
        representative_link(user=rep, stakeholder=ngo, by=None)
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def meet():
            try:
                barrier.wait()
                activity_create(
                    organization=org,
                    kind="meeting",
                    title="نشست",
                    starts_at=_at(14),
                    ends_at=_at(16),
                    room=room,
                    by=staff,
                )
                outcomes.append("booked")
            except DomainError:
                outcomes.append("refused")
            finally:
                connections.close_all()

        def request():
            try:
                barrier.wait()
                booking_request(
                    room=room, stakeholder=ngo, purpose="هم‌زمان", starts_at=_at(15), ends_at=_at(17), by=rep
                )
                outcomes.append("booked")
            except DomainError:
                outcomes.append("refused")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=meet), threading.Thread(target=request)]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert sorted(outcomes) == ["booked", "refused"]
            assert Booking.objects.filter(room=room).count() == 1
        finally:
            Booking.objects.filter(room=room).delete()
            Activity.objects.filter(organization=org).delete()
            Room.objects.filter(pk=room.pk).delete()
            StakeholderRepresentative.objects.filter(stakeholder=ngo).delete()
            Stakeholder.objects.filter(pk=ngo.pk).delete()
            RoleGrant.objects.filter(user__in=[staff, rep]).delete()
            staff.delete()
            rep.delete()
            Organization.objects.filter(pk=org.pk).delete()
