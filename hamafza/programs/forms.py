from __future__ import annotations

from typing import Any

from django import forms

from hamafza.core.forms import BootstrapFormMixin, JalaliDateField, NormalizedCharField
from hamafza.organizations.models import Organization
from hamafza.places.models import County, Province
from hamafza.programs.models import ProgramKind, ProgramStatus


class ProgramForm(BootstrapFormMixin, forms.Form):
    owner = forms.ModelChoiceField(label="دستگاه مسئول", queryset=Organization.objects.none())
    title = NormalizedCharField(label="عنوان برنامه", max_length=300)
    kind = forms.ChoiceField(label="نوع", choices=ProgramKind.choices)
    status = forms.ChoiceField(label="وضعیت", choices=ProgramStatus.choices, initial=ProgramStatus.DRAFT)
    goals = NormalizedCharField(
        label="اهداف", required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text="هر هدف در یک سطر"
    )
    challenge = NormalizedCharField(
        label="چالش", required=False, max_length=200, help_text="مانند: سکونتگاه‌های غیررسمی، پسماند، اشتغال"
    )
    start_date = JalaliDateField(label="تاریخ آغاز", required=False, help_text="مانند ۱۴۰۵/۰۱/۱۵")
    end_date = JalaliDateField(label="تاریخ پایان", required=False, help_text="مانند ۱۴۰۵/۱۲/۲۹")
    province = forms.ModelChoiceField(
        label="استان",
        queryset=Province.objects.all(),
        required=False,
        empty_label="— استان دستگاه —",
        widget=forms.Select(attrs={"data-counties-into": "id_county"}),
    )
    county = forms.ModelChoiceField(
        label="شهرستان", queryset=County.objects.none(), required=False, empty_label="— همه شهرستان‌ها —"
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, owners: Any = None, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner_field = self.fields["owner"]
        owner_field.queryset = owners if owners is not None else Organization.objects.none()  # type: ignore[attr-defined]
        if editing:
            del self.fields["owner"]
        province_id = self.data.get("province") or self.initial.get("province")
        if isinstance(province_id, Province):
            province_id = province_id.pk
        if province_id:
            self.fields["county"].queryset = County.objects.filter(province_id=province_id)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "تاریخ پایان نمی‌تواند پیش از تاریخ آغاز باشد.")
        county, province = data.get("county"), data.get("province")
        if county and province and county.province_id != province.pk:
            self.add_error("county", "این شهرستان در استان انتخاب‌شده نیست.")
        return data


class MilestoneForm(BootstrapFormMixin, forms.Form):
    title = NormalizedCharField(label="عنوان نقطه عطف", max_length=300)
    weight = forms.CharField(
        label="وزن",
        initial="۱",
        help_text="سهم این گام در پیشرفت کل برنامه؛ مانند ۲ یا ۱٫۵",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    due_date = JalaliDateField(label="مهلت", required=False, help_text="مانند ۱۴۰۵/۰۶/۳۱")


class ProgressForm(BootstrapFormMixin, forms.Form):
    progress = forms.CharField(
        label="پیشرفت (درصد)", help_text="عددی از ۰ تا ۱۰۰", widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    blocked = forms.BooleanField(label="دارای مانع است", required=False)
    note = NormalizedCharField(label="توضیح", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)
