"""Forms: Persian text normalized, any digits accepted, Jalali dates."""

from __future__ import annotations

from typing import Any

from django import forms

from hamafza.core.forms import (
    BootstrapFormMixin,
    JalaliDateField,
    MobileField,
    NormalizedCharField,
    PersianIntegerField,
)
from hamafza.engagement.models import RelationshipKind, StakeholderKind, registration_digits
from hamafza.engagement.services.stakeholders import StakeholderData
from hamafza.organizations.models import DomainTag
from hamafza.places.models import County, Province


class StakeholderForm(BootstrapFormMixin, forms.Form):
    name = NormalizedCharField(label="نام", max_length=200)
    kind = forms.ChoiceField(label="نوع", choices=StakeholderKind.choices)
    registration_number = forms.CharField(
        label="شماره ثبت",
        required=False,
        max_length=30,
        help_text="فقط برای سمن‌ها؛ با رقم فارسی یا لاتین، مثلاً ۱۲۳۴۵",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    domains = forms.ModelMultipleChoiceField(
        label="حوزه‌های فعالیت",
        queryset=DomainTag.objects.order_by("sort_key"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    provinces = forms.ModelMultipleChoiceField(
        label="استان‌های فعالیت", queryset=Province.objects.order_by("name"), required=False
    )
    counties = forms.ModelMultipleChoiceField(
        label="شهرستان‌های فعالیت",
        queryset=County.objects.select_related("province").order_by("province__name", "name"),
        required=False,
        help_text="استان هر شهرستان خودبه‌خود افزوده می‌شود.",
    )
    description = NormalizedCharField(
        label="معرفی و زمینه فعالیت", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    expertise = NormalizedCharField(label="تخصص‌ها", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    volunteers = PersianIntegerField(label="تعداد داوطلبان", min_value=0, required=False, initial=0)
    facilities = NormalizedCharField(label="امکانات", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["volunteers"].widget = forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"})
        self.fields["counties"].label_from_instance = lambda c: f"{c.name} ({c.province.name})"

    def clean_volunteers(self) -> int:
        value = self.cleaned_data.get("volunteers")
        return int(value or 0)

    def clean_registration_number(self) -> str:
        return registration_digits(self.cleaned_data.get("registration_number", ""))

    def to_data(self) -> StakeholderData:
        data = self.cleaned_data
        return StakeholderData(
            name=data["name"],
            kind=data["kind"],
            registration_number=data["registration_number"],
            description=data["description"],
            expertise=data["expertise"],
            facilities=data["facilities"],
            volunteers=data["volunteers"],
            domains=list(data["domains"]),
            provinces=list(data["provinces"]),
            counties=list(data["counties"]),
        )


class ContactForm(BootstrapFormMixin, forms.Form):
    name = NormalizedCharField(label="نام فرد رابط", max_length=120)
    title = NormalizedCharField(label="سمت", max_length=120, required=False)
    mobile = MobileField(label="تلفن همراه", required=False, help_text="مثلاً ۰۹۱۲۳۴۵۶۷۸۹")
    email = forms.EmailField(label="رایانامه", required=False)


class DocumentForm(BootstrapFormMixin, forms.Form):
    title = NormalizedCharField(label="عنوان مدرک", max_length=200, required=False)
    file = forms.FileField(label="پرونده", help_text="PDF، تصویر یا Word/Excel؛ حداکثر ۱۰ مگابایت")


class AttachmentForm(BootstrapFormMixin, forms.Form):
    title = NormalizedCharField(label="عنوان پیوست", max_length=200, required=False)
    file = forms.FileField(
        label="پرونده", help_text="صورت‌جلسه PDF، عکس (JPG/PNG) یا Word/Excel/PowerPoint؛ حداکثر ۲۰ مگابایت"
    )


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label="پرونده Excel یا CSV", help_text="ستون‌ها مانند نمونه؛ نخستین سطر عنوان ستون‌هاست.")


class RelationshipForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label="نوع رابطه", choices=RelationshipKind.choices)
    starts_on = JalaliDateField(label="تاریخ شروع", help_text="مثلاً ۱۴۰۴/۰۲/۱۵")
    ends_on = JalaliDateField(label="تاریخ پایان", required=False)
    note = NormalizedCharField(label="توضیح", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RequestForm(BootstrapFormMixin, forms.Form):
    organization = forms.ModelChoiceField(label="دستگاه", queryset=None)  # type: ignore[arg-type]
    stakeholder = forms.ModelChoiceField(label="ذی‌نفع", queryset=None)  # type: ignore[arg-type]
    kind = forms.ChoiceField(label="نوع درخواست")
    subject = NormalizedCharField(label="موضوع", max_length=200)
    body = NormalizedCharField(label="متن", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, organizations: Any, stakeholders: Any, kinds: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["stakeholder"].queryset = stakeholders
        self.fields["kind"].choices = kinds


class ReplyForm(BootstrapFormMixin, forms.Form):
    body = NormalizedCharField(label="پیام", widget=forms.Textarea(attrs={"rows": 3}))


class JalaliDateTimeField(forms.CharField):
    """A Jalali date and time typed in any digits («۱۴۰۴/۰۲/۱۵ ۱۰:۳۰»); cleans to an aware datetime."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"})
        )
        kwargs.setdefault("help_text", "مثلاً ۱۴۰۴/۰۲/۱۵ ۱۰:۳۰")
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        from django.core.exceptions import ValidationError
        from django.utils import timezone

        from hamafza.persian import PersianInputError, parse_jalali_datetime

        text = super().to_python(value)
        if not text:
            return None
        try:
            return timezone.make_aware(parse_jalali_datetime(text))
        except PersianInputError as error:
            raise ValidationError(str(error), code="invalid_jalali_datetime") from error


class ActivityForm(BootstrapFormMixin, forms.Form):
    organization = forms.ModelChoiceField(label="دستگاه", queryset=None)  # type: ignore[arg-type]
    kind = forms.ChoiceField(label="نوع")
    title = NormalizedCharField(label="عنوان", max_length=200)
    starts_at = JalaliDateTimeField(label="شروع")
    ends_at = JalaliDateTimeField(label="پایان")
    room = forms.ModelChoiceField(label="سالن", queryset=None, required=False)  # type: ignore[arg-type]
    place = NormalizedCharField(label="مکان (اگر سالن دستگاه نیست)", max_length=200, required=False)
    capacity = PersianIntegerField(label="ظرفیت", min_value=1, required=False, help_text="برای دوره‌ها و همایش‌ها")
    agenda = NormalizedCharField(label="دستور جلسه", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    question = NormalizedCharField(
        label="پرسش مشورتی", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="برای مشورت تخصصی"
    )

    def __init__(self, *args: Any, organizations: Any, rooms: Any, **kwargs: Any) -> None:
        from hamafza.engagement.models import ActivityKind

        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["room"].queryset = rooms
        self.fields["kind"].choices = ActivityKind.choices
        self.fields["capacity"].widget = forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", "پایان باید پس از شروع باشد.")
        return data


class MinutesForm(BootstrapFormMixin, forms.Form):
    minutes = NormalizedCharField(label="صورت‌جلسه", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class RoomForm(BootstrapFormMixin, forms.Form):
    organization = forms.ModelChoiceField(label="دستگاه", queryset=None)  # type: ignore[arg-type]
    name = NormalizedCharField(label="نام سالن یا اتاق", max_length=150)
    capacity = PersianIntegerField(label="ظرفیت (نفر)", min_value=1)
    description = NormalizedCharField(label="امکانات و نشانی", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["capacity"].widget = forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"})


class BookingForm(BootstrapFormMixin, forms.Form):
    stakeholder = forms.ModelChoiceField(label="از سوی", queryset=None, required=False)  # type: ignore[arg-type]
    purpose = NormalizedCharField(label="موضوع", max_length=200)
    starts_at = JalaliDateTimeField(label="از")
    ends_at = JalaliDateTimeField(label="تا")

    def __init__(self, *args: Any, stakeholders: Any, required: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stakeholder"].queryset = stakeholders
        self.fields["stakeholder"].required = required
