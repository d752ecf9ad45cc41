"""Two-way requests: the list each side sees, a new request, the message timeline, answers and statuses."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError
from hamafza.core.paging import CappedPaginator
from hamafza.engagement import permissions
from hamafza.engagement.forms import ReplyForm, RequestForm
from hamafza.engagement.models import (
    TO_AGENCY_KINDS,
    TO_STAKEHOLDER_KINDS,
    Relationship,
    RequestKind,
    RequestStatus,
    Stakeholder,
)
from hamafza.engagement.services import requests as services
from hamafza.organizations.models import Organization


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    if not permissions.uses_requests(request.user):
        raise Http404
    today = timezone.localdate()
    items = permissions.requests_visible_to(request.user).select_related("organization", "stakeholder")
    status = request.GET.get("status", "")
    if status == "overdue":
        items = items.filter(status=RequestStatus.OPEN, due_on__lt=today)
    elif status in RequestStatus.values:
        items = items.filter(status=status)
    # A busy agency's requests run into thousands: counted up to 1,001 and paged by cursor on (created_at, id).
    page = CappedPaginator(items.order_by("-created_at", "-id"), settings.HAMAFZA_PAGE_SIZE).page_for(request.GET)
    return render(
        request,
        "engagement/request_list.html",
        {
            "page": page,
            "today": today,
            "status": status,
            "statuses": RequestStatus.choices,
            "query": urlencode({"status": status}) if status else "",
            "can_send": True,
        },
    )


def _kinds(user: object) -> list[tuple[str, str]]:
    kinds = []
    if permissions.is_representative(user):
        kinds += [(k, k.label) for k in RequestKind if k in TO_AGENCY_KINDS]
    if permissions.engages_anywhere(user):
        kinds += [(k, k.label) for k in RequestKind if k in TO_STAKEHOLDER_KINDS]
    return kinds


@login_required
def request_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.uses_requests(user):
        raise Http404
    if permissions.engages_anywhere(user):
        organizations = permissions.agencies_for(user)
        agencies = list(organizations.values_list("pk", flat=True)[:500])
        wanted = request.GET.get("stakeholder") or request.POST.get("stakeholder") or ""
        stakeholders = Stakeholder.objects.filter(
            Q(pk__in=Relationship.objects.filter(organization_id__in=agencies).values("stakeholder_id"))
            | Q(pk=int(wanted) if wanted.isdigit() else 0)
            | Q(pk__in=permissions.represented_ids(user))
        )
    else:
        organizations = Organization.objects.filter(is_active=True).order_by("sort_key")
        stakeholders = Stakeholder.objects.filter(pk__in=permissions.represented_ids(user))
    if permissions.is_representative(user) and permissions.engages_anywhere(user):
        organizations = Organization.objects.filter(is_active=True).order_by("sort_key")
    form = RequestForm(
        request.POST or None,
        organizations=organizations,
        stakeholders=stakeholders.order_by("sort_key"),
        kinds=_kinds(user),
        initial={"stakeholder": request.GET.get("stakeholder"), "organization": request.GET.get("organization")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.request_create(
                organization=data["organization"],
                stakeholder=data["stakeholder"],
                kind=data["kind"],
                subject=data["subject"],
                body=data["body"],
                by=user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "درخواست فرستاده شد.")
            return redirect("engagement:request_detail", created.pk)
    return render(request, "engagement/request_form.html", {"form": form})


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_request_or_404(request.user, pk)
    as_agency = permissions.acts_as_agency(request.user, item)
    asked = as_agency if item.is_to_agency else permissions.acts_as_stakeholder(request.user, item)
    return render(
        request,
        "engagement/request_detail.html",
        {
            "item": item,
            "timeline": item.messages.select_related("author").order_by("created_at", "id"),
            "form": ReplyForm(),
            "is_overdue": services.is_overdue(item),
            "asked": asked,
            "as_agency": as_agency,
        },
    )


@login_required
@require_POST
def request_reply(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_request_or_404(request.user, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.request_reply(request=item, body=form.cleaned_data["body"], by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "پیام فرستاده شد.")
    else:
        messages.error(request, "متن پیام را بنویسید.")
    return redirect("engagement:request_detail", pk)


@login_required
@require_POST
def request_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = permissions.get_request_or_404(request.user, pk)
    try:
        services.request_set_status(request=item, status=request.POST.get("status", ""), by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "وضعیت درخواست ثبت شد.")
    return redirect("engagement:request_detail", pk)
