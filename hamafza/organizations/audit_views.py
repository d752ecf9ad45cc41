"""The audit page: administrators read the trail that services write (see ``hamafza.core.audit``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hamafza.core.describe import Entry, actions_labelled, describe_all, event_labels
from hamafza.core.forms import BootstrapFormMixin, JalaliDateField, NormalizedCharField
from hamafza.core.models import AuditEntry
from hamafza.core.paging import CappedPaginator
from hamafza.organizations import permissions
from hamafza.persian import to_latin_digits


class AuditFilterForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label="نوع رویداد", required=False)
    actor = NormalizedCharField(label="کاربر", required=False)
    # Set by the «رویدادها» link of an organization's page; never typed by a person, so never shown.
    target_type = forms.CharField(required=False, widget=forms.HiddenInput)
    target_id = forms.CharField(required=False, widget=forms.HiddenInput)
    since = JalaliDateField(label="از تاریخ", required=False)
    until = JalaliDateField(label="تا تاریخ", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "همه رویدادها"), *((label, label) for label in event_labels())]


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_entries(form: AuditFilterForm) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.select_related("actor").order_by("-seq")
    if not form.is_valid():
        return qs
    data = form.cleaned_data
    if data["kind"]:
        qs = qs.filter(action__in=actions_labelled(data["kind"]))
    if data["actor"]:
        # Who did it, by username or by name as people know them.
        text = to_latin_digits(data["actor"])
        qs = qs.filter(
            Q(actor_label__icontains=text)
            | Q(actor__first_name__icontains=data["actor"])
            | Q(actor__last_name__icontains=data["actor"])
        )
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
    # The trail grows by every change on the platform: counted up to 1,001 rows and paged by cursor on seq (the
    # next page is ``seq < v ORDER BY seq DESC LIMIT 51`` on its unique index, however deep).
    page = CappedPaginator(audit_entries(form), 50).page_for(request.GET)
    query = request.GET.copy()
    for key in ("page", "after", "before"):
        query.pop(key, None)
    rows = list(zip(page, describe_all(_entry(e) for e in page), strict=True))
    return render(
        request, "organizations/audit_list.html", {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    )


def _entry(entry: AuditEntry) -> Entry:
    """Who did it, by name (the label keeps the username for accounts since deleted)."""
    who = entry.actor.display_name if entry.actor_id and entry.actor else entry.actor_label
    return Entry(
        who=who,
        target=entry.target_label,
        data=entry.data if isinstance(entry.data, dict) else {},
        action=entry.action,
        target_id=entry.target_id,
    )
