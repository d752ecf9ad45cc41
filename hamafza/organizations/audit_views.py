"""The audit page: administrators read the trail that services write (see ``hamafza.core.audit``)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hamafza.core.forms import BootstrapFormMixin, JalaliDateField, NormalizedCharField
from hamafza.core.models import AuditEntry
from hamafza.organizations import permissions
from hamafza.persian import to_latin_digits


class AuditFilterForm(BootstrapFormMixin, forms.Form):
    action = forms.CharField(label="عمل", required=False, widget=forms.TextInput(attrs={"dir": "ltr"}))
    actor = NormalizedCharField(label="کاربر", required=False)
    target_type = forms.CharField(label="نوع هدف", required=False, widget=forms.TextInput(attrs={"dir": "ltr"}))
    target_id = forms.CharField(label="شناسه هدف", required=False, widget=forms.TextInput(attrs={"dir": "ltr"}))
    since = JalaliDateField(label="از تاریخ", required=False)
    until = JalaliDateField(label="تا تاریخ", required=False)


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_entries(form: AuditFilterForm) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.select_related("actor").order_by("-seq")
    if not form.is_valid():
        return qs
    data = form.cleaned_data
    if data["action"]:
        qs = qs.filter(action__startswith=data["action"].strip())
    if data["actor"]:
        qs = qs.filter(actor_label__icontains=to_latin_digits(data["actor"]))
    if data["target_type"]:
        qs = qs.filter(target_type=data["target_type"].strip().lower())
    if data["target_id"]:
        qs = qs.filter(target_id=to_latin_digits(data["target_id"].strip()))
    if data["since"]:
        qs = qs.filter(created_at__gte=_start_of(data["since"]))
    if data["until"]:
        qs = qs.filter(created_at__lt=_start_of(data["until"] + dt.timedelta(days=1)))
    return qs


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_anywhere(request.user, "audit.view"):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    page = Paginator(audit_entries(form), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "organizations/audit_list.html", {"form": form, "page": page, "query": query.urlencode()})
