"""Widgets that show what a Persian reader expects: Persian digits, Jalali dates, a picker to choose from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from hamafza.persian import format_jalali_date, to_persian_digits


class PersianDigitsInput(forms.TextInput):
    """A text box for numbers, mobiles and national IDs that shows its value in Persian digits.

    ``inputmode="numeric"`` brings up the digit pad on a phone; the field behind it accepts Persian, Arabic and
    Latin digits and normalizes them, so whatever keyboard the person has works. ``data-persian-digits`` lets
    hamafza.js turn Latin digits Persian while they are typed.
    """

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"inputmode": "numeric", "dir": "ltr", "data-persian-digits": ""}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        shown = super().format_value(value)
        return to_persian_digits(shown) if shown else shown


class JalaliDateInput(forms.TextInput):
    """A text box for a Jalali date (۱۴۰۳/۰۲/۱۵) with the vendored Jalali calendar attached by jalali-date.js.

    No placeholder: a grey date in the box reads as a date already chosen; the example lives in the hint.
    """

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "dir": "ltr",
            "class": "form-control jalali-date",
            "data-jdp": "",
            "data-persian-digits": "",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return format_jalali_date(value)
        shown = super().format_value(value)
        return to_persian_digits(shown) if shown else shown

    class Media:
        css = {"all": ("vendor/jalalidatepicker/jalalidatepicker.min.css",)}
        js = ("vendor/jalalidatepicker/jalalidatepicker.min.js", "js/jalali-date.js")
