"""The admin speaks Persian: Django's strings, the JavaScript selector, permission names, the empty choice."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.contrib.auth.models import Permission
from django.urls import reverse

from hamafza.evaluation.models import Round

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user, grant):
    root = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(root)
    return client


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_the_admin_index_has_no_english_headings(admin_client):
    text = _visible_text(admin_client.get(reverse("admin:index")).content.decode())
    for english in ("Model name", "Breadcrumbs", "Add", "Change", "Recent actions"):
        assert english not in text, english
    assert "نام مدل" in text


def test_the_admin_javascript_catalog_names_the_two_list_selector_in_persian(admin_client):
    catalog = admin_client.get(reverse("admin:jsi18n")).content.decode()
    assert (
        "\\u0627\\u0646\\u062a\\u062e\\u0627\\u0628 \\u0647\\u0645\\u0647 %s" in catalog or "انتخاب همه %s" in catalog
    )


def test_permission_names_of_our_models_are_persian():
    names = set(Permission.objects.filter(content_type__app_label="evaluation").values_list("name", flat=True))
    assert "افزودن دوره ارزیابی" in names
    assert "دیدن دوره ارزیابی" in names
    assert not [name for name in names if name.startswith("Can ")]


def test_drop_downs_start_with_choose_rather_than_dashes():
    class RoundForm(forms.ModelForm):
        class Meta:
            model = Round
            fields = ["office", "state"]

    html = str(RoundForm())
    assert "---------" not in html
    assert "انتخاب کنید" in html


def test_an_admin_change_form_has_no_dashes(admin_client):
    html = admin_client.get(reverse("admin:organizations_rolegrant_add")).content.decode()
    assert "---------" not in html
