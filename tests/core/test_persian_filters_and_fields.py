from __future__ import annotations

import datetime as dt

from django.template import Context, Template
from django.utils import timezone

from hamafza.core.forms import JalaliDateField, MobileField, NationalIdField


def render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


def test_jdate_filter_shows_a_gregorian_date_as_jalali_in_persian_digits():
    assert render("{{ d|jdate }}", d=dt.date(2025, 3, 20)) == "۱۴۰۳/۱۲/۳۰"


def test_jdate_long_style_uses_the_persian_month_name():
    assert render('{{ d|jdate:"long" }}', d=dt.date(2025, 3, 20)) == "۳۰ اسفند ۱۴۰۳"


def test_jdatetime_filter_shows_utc_values_in_tehran_time():
    moment = dt.datetime(2025, 3, 20, 10, 0, tzinfo=dt.UTC)
    shown = render("{{ m|jdatetime }}", m=moment)
    assert "۱۴۰۳/۱۲/۳۰" in shown
    assert "۱۳:۳۰" in shown  # Tehran is UTC+3:30
    assert timezone.is_aware(moment)


def test_fa_digits_turns_latin_digits_persian():
    assert render("{{ n|fa_digits }}", n=1403) == "۱۴۰۳"


def test_jalali_date_field_accepts_any_digits_and_cleans_to_gregorian():
    field = JalaliDateField()
    assert field.clean("۱۴۰۳/۱۲/۳۰") == dt.date(2025, 3, 20)
    assert field.clean("1403-12-30") == dt.date(2025, 3, 20)
    assert field.clean("١٤٠٣/١٢/٣٠") == dt.date(2025, 3, 20)


def test_jalali_date_field_refuses_the_thirtieth_of_esfand_in_a_common_year_in_persian():
    field = JalaliDateField()
    try:
        field.clean("۱۴۰۲/۱۲/۳۰")
    except Exception as error:
        message = " ".join(error.messages)  # type: ignore[attr-defined]
    else:
        raise AssertionError("1402/12/30 must be refused")
    assert "کبیسه" in message


def test_national_id_field_gives_a_persian_message_for_a_wrong_checksum():
    field = NationalIdField()
    assert field.clean("۰۴۹۹۳۷۰۸۹۹") == "0499370899"
    try:
        field.clean("0499370898")
    except Exception as error:
        assert "کد ملی" in " ".join(error.messages)  # type: ignore[attr-defined]
    else:
        raise AssertionError("0499370898 must be refused")


def test_mobile_field_normalizes_the_international_form():
    assert MobileField().clean("+98 912 345 6789") == "09123456789"
