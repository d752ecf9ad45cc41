"""Form fields that accept Persian input the way people type it and store it normalized."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from hamafza.core.widgets import JalaliDateInput, PersianDigitsInput
from hamafza.persian import (
    PersianInputError,
    normalize,
    normalize_mobile,
    normalize_national_id,
    parse_jalali_date,
    to_latin_digits,
)

__all__ = [
    "BootstrapFormMixin",
    "JalaliDateField",
    "JalaliDateInput",
    "MobileField",
    "NationalIdField",
    "NormalizedCharField",
    "PersianDigitsInput",
    "PersianIntegerField",
]

# GOV.UK's date pattern: an example in the hint, never a placeholder that looks like a filled-in value.
JALALI_DATE_HINT = "مثال: ۱۴۰۵/۰۳/۱۵"
EMPTY_CHOICE = "انتخاب کنید"


class NormalizedCharField(forms.CharField):
    """Text is normalized before it is validated, stored or searched."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        # A text area keeps its paragraphs; a one-line box folds every run of whitespace.
        multiline = isinstance(self.widget, forms.Textarea)
        return normalize(text, multiline=multiline) if text else text


class JalaliDateField(forms.Field):
    """Accepts a typed Jalali date in Persian, Arabic or Latin digits; cleans to a Gregorian ``date``."""

    widget = JalaliDateInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", JALALI_DATE_HINT)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return parse_jalali_date(str(value))
        except PersianInputError as error:
            raise ValidationError(str(error), code="invalid_jalali_date") from error


class NationalIdField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", PersianDigitsInput(attrs={"autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        if not text:
            return text
        try:
            return normalize_national_id(text)
        except PersianInputError as error:
            raise ValidationError(str(error), code="invalid_national_id") from error


class MobileField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", PersianDigitsInput(attrs={"autocomplete": "tel"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        if not text:
            return text
        try:
            return normalize_mobile(text)
        except PersianInputError as error:
            raise ValidationError(str(error), code="invalid_mobile") from error


class PersianIntegerField(forms.IntegerField):
    """A whole number typed with any digits. A text box, not type=number: a number input silently empties
    itself when a Persian keyboard types ۶۰, so the value never reaches the server."""

    widget = PersianDigitsInput

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            # Persian people write ۶۰٪ or ۱٬۲۰۰; the digits are what counts.
            value = to_latin_digits(value).replace("٬", "").replace(",", "").replace("٪", "").replace("%", "").strip()
        return super().to_python(value)


class BootstrapFormMixin:
    """Gives every widget Bootstrap's classes, so templates can render fields plainly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                css = "form-check-input"
            # A drop-down starts with a request, not with Django's "---------".
            if getattr(field, "empty_label", None) == "---------":
                field.empty_label = EMPTY_CHOICE  # type: ignore[attr-defined]
            elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                field.choices = [
                    (v, EMPTY_CHOICE if v == "" and text == "---------" else text) for v, text in field.choices
                ]
            existing = widget.attrs.get("class", "")
            if css not in existing:
                widget.attrs["class"] = f"{existing} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        # A field with an error is outlined in red, next to its Persian message.
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"
