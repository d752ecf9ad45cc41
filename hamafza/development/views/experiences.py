"""Pages of successful experiences."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError, VersionConflict
from hamafza.development import permissions, selectors, services
from hamafza.development.forms import (
    AdoptForm,
    ExperienceForm,
)
from hamafza.development.views.common import _page, _query_without_page
from hamafza.organizations.models import Organization
from hamafza.persian import normalize
from hamafza.programs import permissions as program_permissions


def experience_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    tag = normalize(request.GET.get("tag", ""))[:60]
    experiences = permissions.experiences_visible_to(request.user).select_related("owner")
    if q:
        experiences = selectors.search_experiences(experiences, q)
    if tag:
        experiences = experiences.filter(tags__contains=tag)
    page = _page(request, selectors.with_adoptions(experiences))
    return render(
        request,
        "development/experience_list.html",
        {
            "page": page,
            "q": q,
            "tag": tag,
            "query": _query_without_page(request),
            "can_create": request.user.is_authenticated and permissions.manages_anywhere(request.user),
        },
    )


def _experience_form(request: HttpRequest, **kwargs: Any) -> ExperienceForm:
    return ExperienceForm(
        request.POST or None,
        owners=permissions.organizations_managed(request.user),
        programs=program_permissions.programs_visible_to(request.user),
        **kwargs,
    )


@login_required
def experience_create(request: HttpRequest) -> HttpResponse:
    if not permissions.manages_anywhere(request.user):
        raise Http404
    form = _experience_form(request)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            experience = services.experience_create(by=request.user, **data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "تجربه ثبت شد.")
            return redirect("development:experience_detail", experience.pk)
    return render(request, "development/form.html", {"form": form, "title": "ثبت تجربه موفق"})


def experience_detail(request: HttpRequest, pk: int) -> HttpResponse:
    experience = permissions.get_experience_or_404(request.user, pk)
    adopters = list(
        Organization.objects.filter(pk__in=experience.adoptions.values("organization_id")).order_by("sort_key")
    )
    can_adopt = request.user.is_authenticated and experience.is_published and permissions.manages_anywhere(request.user)
    adopt_form = AdoptForm(organizations=permissions.organizations_managed(request.user)) if can_adopt else None
    programs = program_permissions.programs_visible_to(request.user).filter(experiences=experience)
    return render(
        request,
        "development/experience_detail.html",
        {
            "experience": experience,
            "adopters": adopters,
            "adopt_form": adopt_form,
            "programs": programs,
            "can_edit": request.user.is_authenticated and permissions.can_manage(request.user, experience.owner),
        },
    )


@login_required
def experience_edit(request: HttpRequest, pk: int) -> HttpResponse:
    experience = permissions.get_experience_or_404(request.user, pk, edit=True)
    initial = {k: getattr(experience, k) for k in services.EXPERIENCE_FIELDS}
    initial |= {
        "owner": experience.owner_id,
        "is_published": experience.is_published,
        "version": experience.version,
        "programs": list(experience.programs.values_list("pk", flat=True)),
    }
    form = _experience_form(request, initial=initial)
    form.fields["owner"].disabled = True
    form.fields["owner"].queryset = Organization.objects.filter(pk=experience.owner_id)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("owner", None)
        version = data.pop("version", None) or experience.version
        try:
            services.experience_update(experience=experience, by=request.user, version=version, **data)
        except VersionConflict as error:
            return render(
                request,
                "development/form.html",
                {"form": form, "title": "ویرایش تجربه", "conflict": error.message},
                status=409,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "تجربه ذخیره شد.")
            return redirect("development:experience_detail", experience.pk)
    return render(request, "development/form.html", {"form": form, "title": "ویرایش تجربه"})


@login_required
@require_POST
def experience_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    experience = permissions.get_experience_or_404(request.user, pk)
    if not permissions.manages_anywhere(request.user):
        raise Http404
    form = AdoptForm(request.POST, organizations=permissions.organizations_managed(request.user))
    if not form.is_valid():
        messages.error(request, "سازمانی را که این تجربه را به کار گرفته است انتخاب کنید.")
        return redirect("development:experience_detail", experience.pk)
    try:
        services.experience_adopt(
            experience=experience, organization=form.cleaned_data["organization"], by=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "به‌کارگیری این تجربه ثبت شد.")
    return redirect("development:experience_detail", experience.pk)
