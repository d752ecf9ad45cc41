from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from hamafza.core.errors import DomainError
from hamafza.engagement.models import Booking, BookingStatus
from hamafza.engagement.services.facilities import booking_decide, booking_request, room_create


def _at(hour: int) -> dt.datetime:
    return dt.datetime(2030, 5, 5, hour, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def hall(world):
    return room_create(organization=world.welfare, name="سالن همایش بهزیستی", capacity=80, by=world.staff)


def test_an_overlapping_booking_is_refused_in_persian(world, hall):
    first = booking_request(
        room=hall, stakeholder=world.ngo, purpose="کارگاه خانواده", starts_at=_at(9), ends_at=_at(11), by=world.rep
    )
    with pytest.raises(DomainError) as caught:
        booking_request(
            room=hall,
            stakeholder=world.other_ngo,
            purpose="جلسه داوطلبان",
            starts_at=_at(10),
            ends_at=_at(12),
            by=world.other_rep,
        )
    assert "رزرو شده است" in caught.value.message
    # Back to back is fine.
    booking_request(
        room=hall, stakeholder=world.other_ngo, purpose="جلسه", starts_at=_at(11), ends_at=_at(12), by=world.other_rep
    )
    assert booking_decide(booking=first, approve=True, by=world.staff).status == BookingStatus.APPROVED


def test_a_representative_requests_and_staff_approve_through_the_pages(world, hall, client):
    client.force_login(world.rep)
    url = reverse("engagement:room_detail", args=[hall.pk])
    response = client.post(
        url,
        {
            "stakeholder": world.ngo.pk,
            "purpose": "دوره آموزشی مددکاران",
            "starts_at": "۱۴۰۹/۰۲/۱۵ ۰۹:۰۰",
            "ends_at": "۱۴۰۹/۰۲/۱۵ ۱۲:۰۰",
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.REQUESTED
    response = client.post(
        url,
        {
            "stakeholder": world.ngo.pk,
            "purpose": "دوباره",
            "starts_at": "1409/02/15 10:00",
            "ends_at": "1409/02/15 11:00",
        },
    )
    assert "رزرو شده است" in response.content.decode()
    assert (
        client.post(reverse("engagement:booking_decide", args=[booking.pk]), {"decision": "approve"}).status_code == 404
    )
    client.force_login(world.staff)
    client.post(reverse("engagement:booking_decide", args=[booking.pk]), {"decision": "approve"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.APPROVED


@pytest.mark.postgresql
def test_two_simultaneous_requests_for_the_same_hour_book_it_once(django_db_setup, django_db_blocker):
    """Two threads, two connections, committed data: the room's row lock lets exactly one booking through.

    Not a transactional test case: its flush would empty the session's places. It makes and removes its own rows.
    """
    # Row locks need a server database; SQLite serialises writers by itself, so the test runs in the PostgreSQL pass.
    assert connection.vendor == "postgresql"
    from django.db import connections

    from hamafza.accounts.services import user_create
    from hamafza.engagement.models import Room, Stakeholder, StakeholderRepresentative
    from hamafza.engagement.services.stakeholders import StakeholderData, representative_link, stakeholder_create
    from hamafza.organizations.models import Organization
    from hamafza.organizations.services import organization_create

    with django_db_blocker.unblock():
        org = organization_create(by=None, code="race-org", name="دستگاه آزمون هم‌زمانی", kind="agency")
        room = room_create(organization=org, name="سالن آزمون", capacity=10, by=None)
        people = [user_create(username=f"race{i}", password="s3cret-pass-1403", by=None) for i in range(2)]
        ngos = [stakeholder_create(data=StakeholderData(name=f"سمن هم‌زمانی {i}"), by=None) for i in range(2)]
        for person, ngo in zip(people, ngos, strict=True):
            representative_link(user=person, stakeholder=ngo, by=None)
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def book(stakeholder, user):
            try:
                barrier.wait()
                booking_request(
                    room=room, stakeholder=stakeholder, purpose="هم‌زمان", starts_at=_at(14), ends_at=_at(16), by=user
                )
                outcomes.append("booked")
            except DomainError:
                outcomes.append("refused")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=book, args=pair) for pair in zip(ngos, people, strict=True)]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert sorted(outcomes) == ["booked", "refused"]
            assert Booking.objects.filter(room=room).count() == 1
        finally:
            Booking.objects.filter(room=room).delete()
            Room.objects.filter(pk=room.pk).delete()
            StakeholderRepresentative.objects.filter(stakeholder__in=ngos).delete()
            Stakeholder.objects.filter(pk__in=[n.pk for n in ngos]).delete()
            for person in people:
                person.delete()
            Organization.objects.filter(pk=org.pk).delete()
