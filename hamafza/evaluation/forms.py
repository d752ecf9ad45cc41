from __future__ import annotations

from typing import Any

from django import forms

from hamafza.core.forms import BootstrapFormMixin, JalaliDateField, NormalizedCharField, PersianIntegerField
from hamafza.evaluation.models import ActionStatus, FindingKind, FrameworkVersion, Round
from hamafza.organizations.models import Organization

MAX_FRAMEWORK_XLSX_BYTES = 2 * 1024 * 1024


class FrameworkImportForm(BootstrapFormMixin, forms.Form):
    owner = forms.ModelChoiceField(label="دفتر ارزیابی مالک", queryset=Organization.objects.none())
    code = forms.SlugField(
        label="کد چارچوب (لاتین)",
        max_length=60,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
        error_messages={"invalid": "کد فقط حروف لاتین، رقم، خط تیره و زیرخط می‌پذیرد."},
        help_text="اگر چارچوبی با این کد باشد، نسخه تازه‌ای از آن ساخته می‌شود.",
    )
    title = NormalizedCharField(label="عنوان", max_length=200)
    file = forms.FileField(
        label="پرونده Excel (xlsx)", help_text="یک ردیف برای هر پرسش؛ نمونه را از خروجی چارچوب‌ها بگیرید."
    )

    def __init__(self, *args: Any, owners: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners if owners is not None else Organization.objects.none()  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError("فقط پرونده xlsx پذیرفته می‌شود.")
        if upload.size > MAX_FRAMEWORK_XLSX_BYTES:
            raise forms.ValidationError("حجم پرونده چارچوب حداکثر ۲ مگابایت است.")
        return upload


class RoundCreateForm(BootstrapFormMixin, forms.Form):
    office = forms.ModelChoiceField(label="دفتر ارزیابی", queryset=Organization.objects.none())
    framework_version = forms.ModelChoiceField(label="نسخه چارچوب", queryset=FrameworkVersion.objects.none())
    previous_round = forms.ModelChoiceField(label="دوره قبل", queryset=Round.objects.none(), required=False)
    code = forms.SlugField(
        label="کد دوره (لاتین)",
        max_length=60,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
        error_messages={"invalid": "کد فقط حروف لاتین، رقم، خط تیره و زیرخط می‌پذیرد."},
    )
    title = NormalizedCharField(label="عنوان", max_length=200)
    self_assessment_due = JalaliDateField(label="مهلت خوداظهاری", required=False)
    inspection_starts = JalaliDateField(label="آغاز بازدید میدانی", required=False)
    inspection_ends = JalaliDateField(label="پایان بازدید میدانی", required=False)
    objection_due = JalaliDateField(label="مهلت اعتراض", required=False)

    def __init__(self, *args: Any, offices: Any = None, versions: Any = None, rounds: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        self.fields["framework_version"].queryset = versions  # type: ignore[attr-defined]
        self.fields["previous_round"].queryset = rounds  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("inspection_starts"), data.get("inspection_ends")
        if starts and ends and ends < starts:
            self.add_error("inspection_ends", "پایان بازدید نمی‌تواند پیش از آغاز آن باشد.")
        return data


class FindingForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label="نوع", choices=FindingKind.choices)
    text = NormalizedCharField(label="شرح", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    theme = NormalizedCharField(label="موضوع (برای جمع‌بندی ستادی)", max_length=120, required=False)
    root_cause = NormalizedCharField(
        label="علت ریشه‌ای (عارضه‌یابی)", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class CorrectiveActionForm(BootstrapFormMixin, forms.Form):
    title = NormalizedCharField(label="اقدام اصلاحی", max_length=300)
    due_date = JalaliDateField(label="مهلت")


class ActionProgressForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label="وضعیت", choices=ActionStatus.choices)
    progress = PersianIntegerField(
        label="پیشرفت (درصد)",
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": "پیشرفت از ۰ تا ۱۰۰ است.",
            "max_value": "پیشرفت از ۰ تا ۱۰۰ است.",
            "invalid": "پیشرفت را با عدد بنویسید، مانند ۶۰.",
        },
        help_text="عددی از ۰ تا ۱۰۰",
    )
    status_note = NormalizedCharField(label="توضیح", required=False, max_length=1000)
    version = forms.IntegerField(widget=forms.HiddenInput)
