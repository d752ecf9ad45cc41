"""The official holidays table and working days counted against it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jdatetime
import pytest
from django.test import override_settings

from hamafza.holidays.calendar_data import OFFICIAL_HOLIDAYS
from hamafza.holidays.models import Holiday
from hamafza.holidays.services import (
    holiday_add,
    holidays_load_official,
    is_working_day,
    working_days_add,
    working_days_count,
)

pytestmark = pytest.mark.django_db


def jdate(year: int, month: int, day: int) -> dt.date:
    return jdatetime.date(year, month, day).togregorian()


def test_a_fresh_database_already_holds_the_official_holidays_of_1404_and_1405() -> None:
    assert Holiday.objects.filter(date__gte=jdate(1404, 1, 1), date__lte=jdate(1404, 12, 29)).count() == 26
    assert Holiday.objects.filter(date__gte=jdate(1405, 1, 1), date__lte=jdate(1405, 12, 29)).count() == 25
    for month_day in ((1, 1), (1, 2), (1, 3), (1, 4), (1, 12), (1, 13), (3, 14), (3, 15), (11, 22), (12, 29)):
        assert Holiday.objects.filter(date=jdate(1404, *month_day)).exists(), month_day
        assert Holiday.objects.filter(date=jdate(1405, *month_day)).exists(), month_day


def test_every_official_holiday_title_is_persian_and_each_day_is_listed_once() -> None:
    days = [(y, m, d) for y, m, d, _ in OFFICIAL_HOLIDAYS]
    assert len(days) == len(set(days))
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in title) for *_, title in OFFICIAL_HOLIDAYS)


def test_loading_the_calendar_again_adds_nothing_and_keeps_an_administrators_edit() -> None:
    Holiday.objects.filter(date=jdate(1405, 5, 13)).update(title="اربعین حسینی (جابه‌جا شده)")
    assert holidays_load_official() == 0
    assert Holiday.objects.get(date=jdate(1405, 5, 13)).title == "اربعین حسینی (جابه‌جا شده)"


def test_a_missing_day_is_added_back_by_the_loader() -> None:
    Holiday.objects.filter(date=jdate(1405, 1, 13)).delete()
    assert holidays_load_official() == 1
    assert Holiday.objects.filter(date=jdate(1405, 1, 13)).exists()


def test_five_working_days_from_esfand_25_cross_nowruz_with_the_seeded_table() -> None:
    assert working_days_add(jdatetime.date(1404, 12, 25), 5) == jdatetime.date(1405, 1, 6)
    assert working_days_add(jdate(1404, 12, 25), 5) == jdate(1405, 1, 6)
    assert working_days_count(jdate(1404, 12, 25), jdate(1405, 1, 6)) == 5


def test_an_unofficial_day_does_not_stop_the_count() -> None:
    holiday_add(date=jdate(1405, 2, 1), title="تعطیلی استانی", is_official=False, by=None)
    # Wednesday 1405/01/30 + 1 working day is Thursday 1405/01/31; + 2 skips Friday 1405/02/01 regardless.
    assert is_working_day(jdate(1405, 2, 2))
    assert working_days_add(jdate(1405, 1, 29), 1) == jdate(1405, 1, 30)


@override_settings(HAMAFZA_WEEKEND={3, 4})
def test_the_weekend_comes_from_settings() -> None:
    wednesday = dt.date(2026, 1, 7)
    assert working_days_add(wednesday, 1) == dt.date(2026, 1, 10)
    assert not is_working_day(dt.date(2026, 1, 8))


def test_holidays_and_fridays_are_not_working_days() -> None:
    assert not is_working_day(jdatetime.date(1405, 1, 1))
    assert not is_working_day(dt.date(2026, 1, 9))  # a Friday
    assert is_working_day(jdatetime.date(1405, 1, 5))


def test_the_holidays_admin_lists_days_in_jalali(client: Any, make_user: Any) -> None:
    admin = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get("/admin/holidays/holiday/")
    assert response.status_code == 200
    assert "۱۴۰۵" in response.content.decode()
    add = client.post(
        "/admin/holidays/holiday/add/", {"date": "۱۴۰۶/۰۱/۰۱", "title": "آغاز نوروز", "is_official": "on"}
    )
    assert add.status_code == 302
    assert Holiday.objects.filter(date=jdate(1406, 1, 1)).exists()
