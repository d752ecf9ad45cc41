"""Forms of voice. Digits in any script are accepted; text is normalized by the services."""

from __future__ import annotations

from django import forms

from hamafza.voice.models import COMMENT_LIMIT, CommentKind, ResponseStatus, Rule


class CommentForm(forms.Form):
    author_name = forms.CharField(label="نام (اختیاری)", max_length=80, required=False)
    kind = forms.ChoiceField(label="نوع", choices=CommentKind.choices, initial=CommentKind.OPINION)
    text = forms.CharField(
        label="متن نظر",
        widget=forms.Textarea(attrs={"rows": 4, "data-limit": COMMENT_LIMIT, "data-counter": "comment-counter"}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people by CSS and from screen readers; a bot filling every field fills it.
    website = forms.CharField(
        label="وب‌سایت",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class DecideForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", "تأیید و انتشار"), ("reject", "رد")])
    rule = forms.ChoiceField(label="قاعده", choices=[("", "—"), *Rule.choices], required=False)
    note = forms.CharField(label="یادداشت", max_length=300, required=False)


class ResponseForm(forms.Form):
    status = forms.ChoiceField(label="وضعیت", choices=ResponseStatus.choices)
    answer = forms.CharField(label="پاسخ عمومی دستگاه", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class NewsForm(forms.Form):
    organization = forms.ChoiceField(label="دستگاه")
    kind = forms.ChoiceField(label="نوع", choices=[("news", "خبر"), ("announcement", "اطلاعیه")])
    title = forms.CharField(label="عنوان", max_length=300)
    lead = forms.CharField(label="لید", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    body = forms.CharField(label="متن (پاراگراف‌ها، فهرست و پیوند مجاز است)", widget=forms.Textarea(attrs={"rows": 10}))


class NewsEditForm(forms.Form):
    title = forms.CharField(label="عنوان", max_length=300)
    lead = forms.CharField(label="لید", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    body = forms.CharField(label="متن (پاراگراف‌ها، فهرست و پیوند مجاز است)", widget=forms.Textarea(attrs={"rows": 10}))
    # The version the editor opened: a save over someone else's later save is refused (409), never silent.
    version = forms.IntegerField(widget=forms.HiddenInput)
