from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm

from hamafza.core.forms import BootstrapFormMixin, MobileField, NationalIdField, NormalizedCharField


class LoginForm(BootstrapFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "نام کاربری (یا شماره همراه) یا گذرواژه درست نیست.",
        "inactive": "این حساب غیرفعال شده است.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "نام کاربری یا شماره همراه"
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "dir": "auto"})
        self.fields["password"].label = "گذرواژه"


class ProfileForm(BootstrapFormMixin, forms.Form):
    first_name = NormalizedCharField(label="نام", max_length=150, required=False)
    last_name = NormalizedCharField(label="نام خانوادگی", max_length=150, required=False)
    mobile = MobileField(label="شماره همراه", required=False, help_text="مانند ۰۹۱۲۳۴۵۶۷۸۹")
    national_id = NationalIdField(label="کد ملی", required=False, help_text="ده رقم، با هر نوع رقم")
    email = forms.EmailField(
        label="رایانامه",
        required=False,
        error_messages={"invalid": "نشانی رایانامه درست نیست."},
        widget=forms.EmailInput(attrs={"dir": "ltr"}),
    )


class ApiTokenForm(BootstrapFormMixin, forms.Form):
    name = NormalizedCharField(label="عنوان توکن", max_length=100, help_text="مثلاً: اتصال سامانه گزارش‌گیری")


class PasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    pass
