from __future__ import annotations

from typing import Any

from django import forms

from hamafza.core.forms import BootstrapFormMixin, JalaliDateField, NormalizedCharField, PersianIntegerField
from hamafza.core.widgets import PersianDigitsInput
from hamafza.development.models import CapacityKind, Challenge, PledgeKind, PledgerKind
from hamafza.persian import to_persian_digits
from hamafza.places.models import County

SCORE_HELP = "از ۱ تا ۱۰"


class CapacityForm(BootstrapFormMixin, forms.Form):
    title = NormalizedCharField(label="عنوان ظرفیت", max_length=200)
    kind = forms.ChoiceField(label="نوع ظرفیت", choices=[("", "انتخاب کنید"), *CapacityKind.choices])
    county = forms.ModelChoiceField(label="شهرستان", queryset=County.objects.none(), required=False)
    description = NormalizedCharField(label="شرح", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    importance = PersianIntegerField(label="اهمیت", min_value=1, max_value=10, help_text=SCORE_HELP)
    sustainability = PersianIntegerField(label="پایداری", min_value=1, max_value=10, help_text=SCORE_HELP)
    long_term = PersianIntegerField(label="بلندمدت بودن کاربری", min_value=1, max_value=10, help_text=SCORE_HELP)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, counties: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if counties is not None:
            self.fields["county"].queryset = counties


class JudgementField(forms.CharField):
    widget = PersianDigitsInput


class WeightsForm(BootstrapFormMixin, forms.Form):
    """The upper triangle of the pairwise matrix: how much more the row criterion matters than the column one."""

    importance_sustainability = JudgementField(label="اهمیت نسبت به پایداری", help_text="مانند ۳ یا ۱/۳")
    importance_long_term = JudgementField(label="اهمیت نسبت به بلندمدت بودن کاربری", help_text="مانند ۵ یا ۱/۵")
    sustainability_long_term = JudgementField(label="پایداری نسبت به بلندمدت بودن کاربری", help_text="مانند ۳ یا ۱/۳")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDS = ("importance_sustainability", "importance_long_term", "sustainability_long_term")


class IndicatorForm(BootstrapFormMixin, forms.Form):
    title = NormalizedCharField(label="عنوان شاخص", max_length=200)
    unit = NormalizedCharField(label="واحد", max_length=60, required=False, help_text="مانند درصد، نفر در هزار")
    is_benefit = forms.TypedChoiceField(
        label="جهت شاخص",
        choices=[("1", "بیشتر بهتر است"), ("0", "کمتر بهتر است")],
        coerce=lambda v: v == "1",
        initial="1",
    )


class IndicatorValuesForm(BootstrapFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, counties: list[Any], initial_values: dict[int, float], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.counties = counties
        for county in counties:
            value = initial_values.get(county.pk)
            shown = "" if value is None else to_persian_digits(f"{value:g}").replace(".", "٫")
            self.fields[f"c{county.pk}"] = forms.CharField(
                label=county.name, required=False, initial=shown, widget=PersianDigitsInput
            )


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label="پرونده Excel (xlsx)")


class KeyWorkForm(BootstrapFormMixin, forms.Form):
    owner = forms.ModelChoiceField(label="فرمانداری / استانداری", queryset=None)
    title = NormalizedCharField(label="عنوان کار شاخص", max_length=300)
    challenge = forms.ChoiceField(label="چالش", choices=[("", "انتخاب کنید"), *Challenge.choices])
    goals = NormalizedCharField(label="هدف", widget=forms.Textarea(attrs={"rows": 3}))
    jalali_year = PersianIntegerField(label="سال", min_value=1390, max_value=1500, help_text="مانند ۱۴۰۵")
    period = forms.TypedChoiceField(
        label="بازه", coerce=int, choices=[(0, "کل سال"), (1, "نیمه نخست"), (2, "نیمه دوم")], initial=0
    )
    county = forms.ModelChoiceField(label="شهرستان", queryset=County.objects.none(), required=False)
    start_date = JalaliDateField(label="تاریخ آغاز", required=False)
    end_date = JalaliDateField(label="تاریخ پایان", required=False)

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        province_ids = [pid for pid in owners.values_list("province_id", flat=True) if pid]
        self.fields["county"].queryset = County.objects.filter(province_id__in=province_ids).order_by("sort_key")


class PledgeForm(BootstrapFormMixin, forms.Form):
    pledger_kind = forms.ChoiceField(label="از سوی", choices=PledgerKind.choices, initial=PledgerKind.CITIZEN)
    stakeholder = forms.ModelChoiceField(label="سازمان مردم‌نهاد", queryset=None, required=False)
    name = NormalizedCharField(label="نام", max_length=200, required=False, help_text="خالی: نام حساب شما")
    kind = forms.ChoiceField(label="نوع مشارکت", choices=PledgeKind.choices)
    amount = forms.CharField(label="مبلغ (ریال)", required=False, widget=PersianDigitsInput)
    description = NormalizedCharField(
        label="شرح کمک", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    public_name = forms.BooleanField(label="نامم در صفحه عمومی برنامه دیده شود", required=False)

    def __init__(self, *args: Any, stakeholders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stakeholder"].queryset = stakeholders


class ExperienceForm(BootstrapFormMixin, forms.Form):
    owner = forms.ModelChoiceField(label="سازمان", queryset=None)
    title = NormalizedCharField(label="عنوان", max_length=250)
    problem = NormalizedCharField(label="مسئله", widget=forms.Textarea(attrs={"rows": 3}))
    action = NormalizedCharField(label="اقدام", widget=forms.Textarea(attrs={"rows": 3}))
    result = NormalizedCharField(label="نتیجه", widget=forms.Textarea(attrs={"rows": 3}))
    evidence = NormalizedCharField(label="شواهد و مستندات", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    contacts = NormalizedCharField(label="راه ارتباط", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    tags = NormalizedCharField(label="برچسب‌ها", required=False, max_length=300, help_text="با ویرگول جدا کنید")
    programs = forms.ModelMultipleChoiceField(label="برنامه‌های مرتبط", queryset=None, required=False)
    is_published = forms.BooleanField(label="انتشار برای همه", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, owners: Any, programs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["programs"].queryset = programs


class AdoptForm(forms.Form):
    organization = forms.ModelChoiceField(label="سازمان", queryset=None)

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
