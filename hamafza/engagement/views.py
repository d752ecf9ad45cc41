"""Stakeholder registry pages: list with Persian search and filters, detail, create and edit."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from hamafza.core.downloads import file_response
from hamafza.core.errors import DomainError
from hamafza.core.paging import CappedPaginator
from hamafza.engagement import permissions, selectors
from hamafza.engagement.forms import ContactForm, DocumentForm, StakeholderForm
from hamafza.engagement.models import StakeholderDocument, StakeholderKind, Verification
from hamafza.engagement.services import stakeholders as services
from hamafza.organizations.models import DomainTag
from hamafza.places.models import Province


@login_required
def stakeholder_list(request: HttpRequest) -> HttpResponse:
    if not permissions.uses_registry(request.user):
        raise Http404
    filters = selectors.StakeholderFilters.from_query(request.GET)
    page = CappedPaginator(selectors.stakeholder_list(request.user, filters), settings.HAMAFZA_PAGE_SIZE).page_for(
        request.GET
    )
    query = urlencode({k: v for k, v in request.GET.items() if k not in {"page", "after", "before"} and v})
    return render(
        request,
        "engagement/stakeholder_list.html",
        {
            "page": page,
            "filters": filters,
            "query": query,
            "kinds": StakeholderKind.choices,
            "verifications": Verification.choices,
            "domains": DomainTag.objects.order_by("sort_key"),
            "provinces": Province.objects.order_by("name"),
            "can_create": permissions.can_create_stakeholder(request.user),
        },
    )


@login_required
def stakeholder_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = selectors.stakeholder_detail(permissions.get_stakeholder_or_404(request.user, pk))
    can_edit = permissions.can_edit_stakeholder(request.user, stakeholder)
    return render(
        request,
        "engagement/stakeholder_detail.html",
        {
            "stakeholder": stakeholder,
            "can_edit": can_edit,
            "can_verify": permissions.can_verify_stakeholder(request.user),
            "contact_form": ContactForm() if can_edit else None,
            "document_form": DocumentForm() if can_edit else None,
            "can_open_documents": permissions.can_open_stakeholder_documents(request.user, stakeholder),
            "verifications": Verification.choices,
        },
    )


@login_required
def stakeholder_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_stakeholder(request.user):
        raise Http404
    form = StakeholderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            stakeholder = services.stakeholder_create(data=form.to_data(), by=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "ذی‌نفع ثبت شد.")
            return redirect("engagement:stakeholder_detail", stakeholder.pk)
    return render(request, "engagement/stakeholder_form.html", {"form": form, "title": "ثبت ذی‌نفع تازه"})


@login_required
def stakeholder_edit(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = permissions.get_stakeholder_or_404(request.user, pk, edit=True)
    initial = {
        "name": stakeholder.name,
        "kind": stakeholder.kind,
        "registration_number": stakeholder.registration_number,
        "description": stakeholder.description,
        "expertise": stakeholder.expertise,
        "facilities": stakeholder.facilities,
        "volunteers": stakeholder.volunteers,
        "domains": list(stakeholder.domains.all()),
        "provinces": list(stakeholder.provinces.all()),
        "counties": list(stakeholder.counties.all()),
        "version": stakeholder.version,
    }
    form = StakeholderForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.stakeholder_update(
                stakeholder=stakeholder,
                data=form.to_data(),
                version=form.cleaned_data["version"] or 0,
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
            status = error.status_code
        else:
            messages.success(request, "تغییرات ذخیره شد.")
            return redirect("engagement:stakeholder_detail", stakeholder.pk)
    return render(
        request,
        "engagement/stakeholder_form.html",
        {"form": form, "title": f"ویرایش «{stakeholder.name}»", "stakeholder": stakeholder},
        status=status,
    )


@login_required
@require_POST
def stakeholder_verify(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = permissions.get_stakeholder_or_404(request.user, pk)
    try:
        services.stakeholder_verify(
            stakeholder=stakeholder, verification=request.POST.get("verification", ""), by=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "وضعیت تأیید ثبت شد.")
    return redirect("engagement:stakeholder_detail", pk)


@login_required
@require_POST
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = permissions.get_stakeholder_or_404(request.user, pk, edit=True)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.contact_add(stakeholder=stakeholder, by=request.user, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "فرد رابط افزوده شد.")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("engagement:stakeholder_detail", pk)


@login_required
@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = permissions.get_stakeholder_or_404(request.user, pk, edit=True)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(
                stakeholder=stakeholder,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                by=request.user,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "مدرک بارگذاری شد.")
    else:
        messages.error(request, "پرونده‌ای برای بارگذاری انتخاب کنید.")
    return redirect("engagement:stakeholder_detail", pk)


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A stakeholder's document, to whoever may open the stakeholder; anyone else gets the 404 of a missing file."""
    document = StakeholderDocument.objects.select_related("stakeholder").filter(pk=pk).first()
    if document is None or not permissions.can_open_stakeholder_documents(request.user, document.stakeholder):
        raise Http404
    return file_response(document.file, filename=document.original_name, content_type=document.content_type)
