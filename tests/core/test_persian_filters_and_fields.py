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


def test_a_whole_number_typed_on_a_persian_keyboard_is_read_as_the_number():
    from hamafza.core.forms import PersianIntegerField

    field = PersianIntegerField(min_value=0, max_value=100)
    assert field.clean("۶۰") == 60
    assert field.clean("٦٠") == 60
    assert field.clean("60") == 60
    assert field.clean("۶۰٪") == 60


def test_a_number_box_is_a_text_box_with_the_digit_pad_and_shows_persian_digits():
    from django import forms

    from hamafza.core.forms import PersianIntegerField

    class Progress(forms.Form):
        progress = PersianIntegerField(min_value=0, max_value=100)

    html = str(Progress(initial={"progress": 60})["progress"])
    assert 'type="text"' in html and 'inputmode="numeric"' in html
    assert 'value="۶۰"' in html
    # A number input would also carry min/max, which browsers enforce by dropping Persian digits.
    assert 'type="number"' not in html and "min=" not in html


def test_mobile_and_national_id_boxes_show_what_is_stored_in_persian_digits():
    from django import forms

    class Person(forms.Form):
        mobile = MobileField()
        national_id = NationalIdField()

    form = Person(initial={"mobile": "09123456789", "national_id": "0499370899"})
    assert 'value="۰۹۱۲۳۴۵۶۷۸۹"' in str(form["mobile"])
    assert 'value="۰۴۹۹۳۷۰۸۹۹"' in str(form["national_id"])
    assert 'inputmode="numeric"' in str(form["mobile"])


def test_a_date_box_opens_the_jalali_calendar_and_gives_an_example_in_its_hint_not_a_placeholder():
    from django import forms

    class Due(forms.Form):
        due = JalaliDateField(label="مهلت")

    form = Due(initial={"due": dt.date(2025, 3, 20)})
    html = str(form["due"])
    assert "data-jdp" in html
    assert "placeholder" not in html
    assert 'value="۱۴۰۳/۱۲/۳۰"' in html
    assert form["due"].help_text.startswith("مثال:")
    assert 'aria-describedby="id_due_helptext"' in html


def test_a_form_with_errors_starts_with_a_summary_linking_to_each_field():
    from django import forms
    from django.template.loader import render_to_string

    from hamafza.core.forms import PersianIntegerField

    class Action(forms.Form):
        due = JalaliDateField(label="مهلت")
        progress = PersianIntegerField(label="پیشرفت", max_value=100)

    form = Action(data={"due": "۱۴۰۲/۱۲/۳۰", "progress": "۱۲۰"})
    assert not form.is_valid()
    html = render_to_string("core/_form.html", {"form": form})
    assert html.index("data-error-summary") < html.index("<label")
    assert 'href="#id_due"' in html and 'href="#id_progress"' in html
    assert 'id="id_due_error"' in html
    # The bad value comes back as typed, in Persian digits, so nothing is lost.
    assert 'value="۱۲۰"' in html


def test_fa_digits_keeps_safe_html_safe_so_a_help_list_is_not_shown_as_tags():
    from django.utils.safestring import mark_safe

    shown = render("{{ h|fa_digits }}", h=mark_safe("<ul><li>حداقل 8 حرف</li></ul>"))
    assert shown == "<ul><li>حداقل ۸ حرف</li></ul>"
    assert render("{{ h|fa_digits }}", h="<b>8</b>") == "&lt;b&gt;۸&lt;/b&gt;"


def test_a_drop_down_starts_with_a_persian_request_not_dashes():
    from django import forms

    from hamafza.core.forms import BootstrapFormMixin

    class Pick(BootstrapFormMixin, forms.Form):
        kind = forms.ChoiceField(choices=[("", "---------"), ("a", "الف")], required=False)

    html = str(Pick()["kind"])
    assert "انتخاب کنید" in html and "---------" not in html
