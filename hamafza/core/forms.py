"""Form fields that accept Persian input the way people type it and store it normalized."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from hamafza.persian import (
    PersianInputError,
    format_jalali_date,
    normalize,
    normalize_mobile,
    normalize_national_id,
    parse_jalali_date,
)


class NormalizedCharField(forms.CharField):
    """Text is normalized before it is validated, stored or searched."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        # A text area keeps its paragraphs; a one-line box folds every run of whitespace.
        multiline = isinstance(self.widget, forms.Textarea)
        return normalize(text, multiline=multiline) if text else text


class JalaliDateInput(forms.TextInput):
    """A text box for a Jalali date; it shows a stored Gregorian date as ۱۴۰۳/۰۲/۱۵."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "placeholder": "۱۴۰۳/۰۲/۱۵",
            "inputmode": "numeric",
            "autocomplete": "off",
            "dir": "ltr",
            "class": "form-control jalali-date",
            "pattern": r"[\d۰-۹٠-٩]{4}[/\-][\d۰-۹٠-٩]{1,2}[/\-][\d۰-۹٠-٩]{1,2}",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return format_jalali_date(value)
        return super().format_value(value)


class JalaliDateField(forms.Field):
    """Accepts a typed Jalali date in Persian, Arabic or Latin digits; cleans to a Gregorian ``date``."""

    widget = JalaliDateInput

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
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}))
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
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        if not text:
            return text
        try:
            return normalize_mobile(text)
        except PersianInputError as error:
            raise ValidationError(str(error), code="invalid_mobile") from error


class BootstrapFormMixin:
    """Gives every widget Bootstrap's classes, so templates can render fields plainly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                css = "form-check-input"
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
