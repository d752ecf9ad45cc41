from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from hamafza.accounts.models import User
from hamafza.accounts.services import user_create
from hamafza.core.errors import DomainError, VersionConflict
from hamafza.core.paging import CappedPaginator
from hamafza.organizations import permissions, selectors, services
from hamafza.organizations.forms import NewPersonForm, OrganizationCreateForm, OrganizationForm, RoleGrantForm
from hamafza.organizations.models import OrganizationKind, RoleGrant
from hamafza.persian import PersianInputError, normalize_mobile, normalize_national_id, to_latin_digits
from hamafza.places.models import Province


def _page(request: HttpRequest, qs: Any, size: int = 25) -> Any:
    return Paginator(qs, size).get_page(request.GET.get("page"))


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    for key in ("page", "after", "before"):
        query.pop(key, None)
    return query.urlencode()


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_anywhere(request.user, "organization.view"):
        raise Http404
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    province_id = to_latin_digits(request.GET.get("province", ""))
    qs = selectors.organization_list(
        user=request.user, q=q, kind=kind, province_id=int(province_id) if province_id.isdigit() else None
    )
    # A system administrator sees ~15,000 organizations: counted up to 1,001, and «بعدی» seeks by (sort_key, id)
    # instead of an OFFSET.
    page = CappedPaginator(qs, 25).page_for(request.GET)
    context = {
        "page": page,
        "q": q,
        "kind": kind,
        "province": province_id,
        "kinds": OrganizationKind.choices,
        "provinces": Province.objects.only("id", "name"),
        "can_create": permissions.is_system_admin(request.user),
        "query": _query_without_page(request),
    }
    template = "organizations/_organization_rows.html" if request.headers.get("HX-Request") else None
    return render(request, template or "organizations/organization_list.html", context)


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = permissions.get_organization_or_404(request.user, "organization.view", pk)
    return render(
        request,
        "organizations/organization_detail.html",
        {
            "org": org,
            # A parent the viewer may not open is left out of the breadcrumb rather than linked to a 404.
            "parent_visible": org.parent is not None and permissions.can(request.user, "organization.view", org.parent),
            "children": selectors.organization_children(organization=org, user=request.user)[:200],
            "tags": org.tags.all(),
            "can_manage": permissions.can(request.user, "organization.manage", org),
            "can_manage_roles": permissions.can(request.user, "roles.manage", org),
            "can_audit": permissions.can_anywhere(request.user, "audit.view"),
        },
    )


def _tags_text(org: Any) -> str:
    return "، ".join(org.tags.values_list("name", flat=True))


@login_required
def organization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = permissions.get_organization_or_404(request.user, "organization.manage", pk)
    if request.method == "POST":
        form = OrganizationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.organization_update(
                    organization=org,
                    by=request.user,
                    version=data["version"] or 0,
                    tags=data["tags"],
                    name=data["name"],
                    kind=data["kind"],
                    province=data["province"],
                    county=data["county"],
                    mission=data["mission"],
                    is_active=data["is_active"],
                )
            except VersionConflict as error:
                form.add_error(None, error.message)
                org.refresh_from_db()
                return render(
                    request,
                    "organizations/organization_form.html",
                    {"form": form, "org": org, "conflict": True, "current_tags": _tags_text(org)},
                    status=409,
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "تغییرات سازمان ذخیره شد.")
                return redirect("organizations:detail", pk=org.pk)
    else:
        form = OrganizationForm(
            initial={
                "name": org.name,
                "kind": org.kind,
                "province": org.province,
                "county": org.county,
                "mission": org.mission,
                "tags": _tags_text(org),
                "is_active": org.is_active,
                "version": org.version,
            }
        )
    return render(request, "organizations/organization_form.html", {"form": form, "org": org})


@login_required
def organization_create(request: HttpRequest, parent_pk: int | None = None) -> HttpResponse:
    parent = permissions.get_organization_or_404(request.user, "organization.manage", parent_pk) if parent_pk else None
    if parent is None and not permissions.is_system_admin(request.user):
        raise Http404
    initial = {"province": parent.province, "county": parent.county} if parent else {}
    form = OrganizationCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            org = services.organization_create(
                by=request.user,
                code=data["code"],
                name=data["name"],
                kind=data["kind"],
                parent=parent,
                province=data["province"],
                county=data["county"],
                mission=data["mission"],
                tags=data["tags"],
                is_active=data["is_active"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "سازمان ساخته شد.")
            return redirect("organizations:detail", pk=org.pk)
    return render(request, "organizations/organization_form.html", {"form": form, "parent": parent})


def _find_person(identifier: str) -> User | None:
    text = to_latin_digits(identifier.strip())
    query = Q(username__iexact=text)
    for normalizer, field in ((normalize_mobile, "mobile"), (normalize_national_id, "national_id")):
        try:
            query |= Q(**{field: normalizer(text)})
        except PersianInputError:
            pass
    return User.objects.filter(query).first()


@login_required
def organization_members(request: HttpRequest, pk: int) -> HttpResponse:
    org = permissions.get_organization_or_404(request.user, "roles.manage", pk)
    grant_form = RoleGrantForm(prefix="grant")
    person_form = NewPersonForm(prefix="person")
    if request.method == "POST":
        try:
            if request.POST.get("action") == "grant":
                grant_form = RoleGrantForm(request.POST, prefix="grant")
                if grant_form.is_valid():
                    data = grant_form.cleaned_data
                    person = _find_person(data["person"])
                    if person is None:
                        grant_form.add_error(
                            "person", "شخصی با این مشخصات پیدا نشد. می‌توانید او را در فرم پایین اضافه کنید."
                        )
                    else:
                        services.role_grant(
                            user=person,
                            role=data["role"],
                            by=request.user,
                            organization=org,
                            include_descendants=data["include_descendants"],
                            title=data["title"],
                        )
                        messages.success(request, f"نقش به {person.display_name} داده شد.")
                        return redirect("organizations:members", pk=org.pk)
            else:
                person_form = NewPersonForm(request.POST, prefix="person")
                if person_form.is_valid():
                    data = person_form.cleaned_data
                    person = user_create(
                        username=data["username"],
                        password=data["password"],
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        mobile=data["mobile"],
                        national_id=data["national_id"] or None,
                        by=request.user,
                    )
                    services.role_grant(
                        user=person, role=data["role"], by=request.user, organization=org, title=data["title"]
                    )
                    messages.success(request, f"{person.display_name} اضافه شد.")
                    return redirect("organizations:members", pk=org.pk)
        except DomainError as error:
            messages.error(request, error.message)
    return render(
        request,
        "organizations/organization_members.html",
        {
            "org": org,
            "page": _page(request, selectors.grants_of_organization(organization=org), 50),
            "grant_form": grant_form,
            "person_form": person_form,
        },
    )


@login_required
def role_revoke(request: HttpRequest, pk: int, grant_pk: int) -> HttpResponse:
    """GET asks «are you sure?» in a sentence; only the POST from that page takes the role away."""
    org = permissions.get_organization_or_404(request.user, "roles.manage", pk)
    grant = get_object_or_404(RoleGrant.objects.select_related("user", "organization"), pk=grant_pk, organization=org)
    if request.method != "POST":
        return render(
            request,
            "organizations/role_revoke_confirm.html",
            {"org": org, "grant": grant, "is_own": grant.user_id == request.user.pk},
        )
    try:
        services.role_revoke(grant=grant, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"نقش «{grant.get_role_display()}» از {grant.user.display_name} گرفته شد.")
    return redirect("organizations:members", pk=org.pk)
