from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.safestring import mark_safe

from hamafza.core.forms import BootstrapFormMixin, MobileField, NationalIdField, NormalizedCharField
from hamafza.organizations.models import Organization, OrganizationKind
from hamafza.organizations.roles import Role
from hamafza.persian import normalize, to_latin_digits
from hamafza.places.models import County, Province


class OrganizationForm(BootstrapFormMixin, forms.Form):
    name = NormalizedCharField(label="نام سازمان", max_length=200)
    kind = forms.ChoiceField(label="نوع", choices=OrganizationKind.choices)
    province = forms.ModelChoiceField(
        label="استان",
        queryset=Province.objects.all(),
        required=False,
        empty_label="— کشوری —",
        # hamafza.js refills the county list from the places API when the province changes.
        widget=forms.Select(attrs={"data-counties-into": "id_county"}),
    )
    county = forms.ModelChoiceField(
        label="شهرستان", queryset=County.objects.none(), required=False, empty_label="— همه شهرستان‌ها —"
    )
    mission = NormalizedCharField(label="مأموریت", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    tags = NormalizedCharField(
        label="حوزه‌های فعالیت", required=False, help_text="با ویرگول جدا کنید؛ مانند: اشتغال، محیط زیست"
    )
    is_active = forms.BooleanField(label="فعال", required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        province_id = self.data.get("province") or self.initial.get("province")
        if isinstance(province_id, Province):
            province_id = province_id.pk
        if province_id:
            self.fields["county"].queryset = County.objects.filter(province_id=province_id)  # type: ignore[attr-defined]

    def clean_tags(self) -> list[str]:
        raw = self.cleaned_data.get("tags") or ""
        return [normalize(part) for part in raw.replace("،", ",").split(",") if part.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        county, province = data.get("county"), data.get("province")
        if county and province and county.province_id != province.pk:
            self.add_error("county", "این شهرستان در استان انتخاب‌شده نیست.")
        return data


class OrganizationCreateForm(OrganizationForm):
    code = forms.SlugField(
        label="کد (لاتین)",
        max_length=60,
        help_text=mark_safe("شناسه یکتا با حروف لاتین، رقم و خط تیره؛ مانند <code>fars-behzisti</code>"),
        error_messages={"invalid": "کد فقط می‌تواند حروف لاتین، رقم، خط تیره و زیرخط داشته باشد."},
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    field_order = ["code", "name", "kind", "province", "county", "mission", "tags", "is_active"]

    def clean_code(self) -> str:
        code = to_latin_digits(self.cleaned_data["code"]).lower()
        if Organization.objects.filter(code=code).exists():
            raise forms.ValidationError("این کد برای سازمان دیگری ثبت شده است.")
        return code


class RoleGrantForm(BootstrapFormMixin, forms.Form):
    person = NormalizedCharField(
        label="شخص",
        max_length=150,
        help_text="نام کاربری، شماره همراه یا کد ملی شخص",
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    role = forms.ChoiceField(label="نقش", choices=[c for c in Role.choices if c[0] != Role.SYSTEM_ADMIN])
    title = NormalizedCharField(label="سمت", max_length=120, required=False)
    include_descendants = forms.BooleanField(label="شامل زیرمجموعه‌ها", required=False, initial=True)


class NewPersonForm(BootstrapFormMixin, forms.Form):
    """A person not yet in the system, added by a manager together with their first role."""

    first_name = NormalizedCharField(label="نام", max_length=150)
    last_name = NormalizedCharField(label="نام خانوادگی", max_length=150)
    username = forms.SlugField(
        label="نام کاربری (لاتین)",
        max_length=150,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
        error_messages={"invalid": "نام کاربری فقط می‌تواند حروف لاتین، رقم، خط تیره و زیرخط داشته باشد."},
    )
    mobile = MobileField(label="شماره همراه", help_text="مانند ۰۹۱۲۳۴۵۶۷۸۹")
    national_id = NationalIdField(label="کد ملی", required=False)
    password = forms.CharField(
        label="گذرواژه نخستین",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="به شخص بدهید تا با آن وارد شود و از «حساب من» آن را تغییر دهد.",
    )
    role = forms.ChoiceField(label="نقش", choices=[c for c in Role.choices if c[0] != Role.SYSTEM_ADMIN])
    title = NormalizedCharField(label="سمت", max_length=120, required=False)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password
