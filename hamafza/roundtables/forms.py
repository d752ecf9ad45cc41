from __future__ import annotations

from typing import Any

from django import forms

from hamafza.core.forms import BootstrapFormMixin, NormalizedCharField, PersianIntegerField
from hamafza.engagement.forms import JalaliDateTimeField
from hamafza.roundtables.models import SCORE_MAX, STATEMENT_LIMIT, ElectionMethod, MemberCategory


class TableForm(BootstrapFormMixin, forms.Form):
    organization = forms.ModelChoiceField(label="فرمانداری یا استانداری", queryset=None)  # type: ignore[arg-type]
    title = NormalizedCharField(label="عنوان میز", max_length=200)
    domain = NormalizedCharField(label="حوزه", max_length=100, help_text="مانند: گردشگری، کشاورزی، آسیب‌های اجتماعی")
    secretary = forms.ModelChoiceField(label="دبیر میز", queryset=None)  # type: ignore[arg-type]
    description = NormalizedCharField(label="شرح و مأموریت", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, organizations: Any, secretaries: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["secretary"].queryset = secretaries
        self.fields["secretary"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class TableEditForm(TableForm):
    """The same fields as forming a table, and the version the form was opened with (a stale save is refused)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "organization"
        ].help_text = "سطح و جای میز: فرمانداری یک شهرستان یا استانداری یک استان؛ تنها آن‌هایی که اداره‌شان با شماست."


class RemoveMemberForm(BootstrapFormMixin, forms.Form):
    reason = NormalizedCharField(
        label="دلیل کنار گذاشتن",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="به خود عضو هم گفته می‌شود؛ مانند: سه نشست پیاپی بدون عذر غایب بود.",
    )


class InviteForm(BootstrapFormMixin, forms.Form):
    username = NormalizedCharField(label="نام کاربری یا شماره همراه عضو", max_length=150)
    category = forms.ChoiceField(label="دسته", choices=MemberCategory.choices)
    is_elite = forms.BooleanField(label="نخبه (در انتخاب رئیس رأی می‌دهد)", required=False)


class MeetingForm(BootstrapFormMixin, forms.Form):
    title = NormalizedCharField(label="عنوان نشست", max_length=200)
    starts_at = JalaliDateTimeField(label="شروع")
    ends_at = JalaliDateTimeField(label="پایان")
    place = NormalizedCharField(label="مکان", max_length=200, required=False)
    agenda = NormalizedCharField(label="دستور جلسه", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", "پایان باید پس از شروع باشد.")
        return data


class ElectionForm(BootstrapFormMixin, forms.Form):
    title = NormalizedCharField(label="عنوان", max_length=200, required=False)
    method = forms.ChoiceField(label="روش شمارش", choices=ElectionMethod.choices)
    quorum_numerator = PersianIntegerField(label="حد نصاب: صورت کسر", min_value=1, max_value=100, initial="۲")
    quorum_denominator = PersianIntegerField(label="حد نصاب: مخرج کسر", min_value=1, max_value=100, initial="۳")
    term_months = PersianIntegerField(label="مدت ریاست (ماه)", min_value=1, max_value=120, initial="۲۴")


class ProblemForm(BootstrapFormMixin, forms.Form):
    title = NormalizedCharField(label="عنوان مسئله", max_length=300)
    description = NormalizedCharField(label="شرح", widget=forms.Textarea(attrs={"rows": 4}))
    critique = forms.ModelChoiceField(label="برگرفته از انتقاد مردمی (اختیاری)", queryset=None, required=False)  # type: ignore[arg-type]

    def __init__(self, *args: Any, critiques: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["critique"].queryset = critiques
        self.fields["critique"].label_from_instance = lambda c: f"{c.page.title}: {c.text[:80]}"


class DiagnosisForm(BootstrapFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    diagnosis = NormalizedCharField(label="آسیب‌شناسی", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    cause = NormalizedCharField(label="ریشه تازه (اختیاری)", max_length=300, required=False)
    evidence = NormalizedCharField(label="شواهد این ریشه", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SolutionForm(BootstrapFormMixin, forms.Form):
    title = NormalizedCharField(label="راهکار", max_length=300)
    description = NormalizedCharField(label="شرح", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ScoreForm(forms.Form):
    score = PersianIntegerField(min_value=0, max_value=SCORE_MAX)


class ChooseForm(BootstrapFormMixin, forms.Form):
    milestones = NormalizedCharField(
        label="نقاط عطف برنامه (هر کدام در یک سطر)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class StatementForm(BootstrapFormMixin, forms.Form):
    text = NormalizedCharField(
        label="گزاره کوتاه",
        max_length=STATEMENT_LIMIT,
        help_text="یک جمله که دیگران با آن موافق یا مخالف باشند؛ مانند: «جشنواره‌های زمستانی گردشگر می‌آورد.»",
    )


class StatementDecisionForm(BootstrapFormMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "تأیید"), ("reject", "رد")])
    note = NormalizedCharField(label="توضیح برای پیشنهاددهنده (اختیاری)", max_length=500, required=False)
