from django import forms

from hamafza.core.forms import BootstrapFormMixin


class PreferencesForm(BootstrapFormMixin, forms.Form):
    email = forms.BooleanField(label="اعلان‌ها با رایانامه هم فرستاده شود", required=False)
    sms = forms.BooleanField(label="اعلان‌ها با پیامک هم فرستاده شود", required=False)
