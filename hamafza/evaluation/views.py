"""Evaluation pages for the office: the dashboard, frameworks, and running a round."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from hamafza.accounts.models import User
from hamafza.core.errors import DomainError
from hamafza.evaluation import permissions, selectors
from hamafza.evaluation.forms import FrameworkImportForm, RoundCreateForm
from hamafza.evaluation.framework_io import FrameworkImportError, framework_to_xlsx, parse_framework_xlsx
from hamafza.evaluation.models import Assignment, FrameworkVersion, Round, RoundState
from hamafza.evaluation.services import rounds as round_services
from hamafza.evaluation.services.frameworks import framework_version_create
from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.models import Organization
from hamafza.organizations.roles import Role

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNITS_PAGE_SIZE = 50


def _offices(user: Any) -> Any:
    return org_permissions.organizations_where(user, "evaluation.manage").order_by("sort_key")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "evaluation/dashboard.html",
        {
            "managed_rounds": selectors.rounds_for_manager(user)[:50],
            "my_units": selectors.own_round_units(user)[:50],
            "my_assignments": selectors.assignments_of(user)[:50],
            "published": selectors.published_rounds()[:20],
            "can_manage": org_permissions.can_anywhere(user, "evaluation.manage"),
        },
    )


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    if not org_permissions.can_anywhere(request.user, "evaluation.manage"):
        raise Http404
    owners = _offices(request.user)
    form = FrameworkImportForm(request.POST or None, request.FILES or None, owners=owners)
    report: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            axes = parse_framework_xlsx(data["file"])
            version = framework_version_create(
                by=request.user, owner=data["owner"], code=data["code"], title=data["title"], axes=axes
            )
        except FrameworkImportError as error:
            form.add_error(None, error.message)
            report = [str(row_error) for row_error in error.errors]
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"نسخه {version.number} چارچوب «{version.framework.title}» ساخته شد.")
            return redirect("evaluation:frameworks")
    return render(
        request,
        "evaluation/framework_list.html",
        {"frameworks": selectors.frameworks_for(request.user), "form": form, "report": report},
    )


@login_required
def framework_export(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(FrameworkVersion.objects.select_related("framework__owner"), pk=pk)
    if not org_permissions.can(request.user, "evaluation.manage", version.framework.owner):
        raise Http404
    response = HttpResponse(framework_to_xlsx(version), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="framework-{version.framework.code}-v{version.number}.xlsx"'
    )
    return response


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not org_permissions.can_anywhere(user, "evaluation.manage"):
        raise Http404
    offices = _offices(user)
    frameworks = selectors.frameworks_for(user)
    versions = FrameworkVersion.objects.filter(framework__in=frameworks).select_related("framework")
    form = RoundCreateForm(
        request.POST or None, offices=offices, versions=versions, rounds=permissions.rounds_managed_by(user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = round_services.round_create(by=user, **data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "دوره ساخته شد. واحدها و بازرسان را تعیین کنید.")
            return redirect("evaluation:round_manage", pk=round_.pk)
    return render(request, "evaluation/round_form.html", {"form": form})


def _inspector_candidates(round_: Round) -> Any:
    # People holding the inspector role over the office's tree; the service re-checks each unit.
    return (
        User.objects.filter(
            role_grants__role=Role.INSPECTOR,
            role_grants__organization__path__startswith=round_.office.path[: Organization.PATH_STEP],
        )
        .distinct()
        .order_by("sort_key")
    )


@login_required
def round_manage(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = permissions.get_round_or_404(request.user, pk, manage=True)
    # A national round holds 3,100 units: they go 50 a page, found by name, with the figures from one aggregate.
    q = request.GET.get("q", "").strip()
    page = Paginator(selectors.round_units_with_progress(round_, q), UNITS_PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.answer_counts(page.object_list)
    progress = selectors.round_progress(round_)
    item_count = round_.framework_version.items.count()
    next_state = round_services.next_state(round_)
    candidates_units = (
        Organization.objects.filter(path__startswith=round_.office.path)
        .exclude(pk=round_.office_id)
        .exclude(pk__in=round_.units.values("unit_id"))
        .order_by("sort_key")
    )
    return render(
        request,
        "evaluation/round_manage.html",
        {
            "round": round_,
            "page": page,
            "q": q,
            "query": urlencode({"q": q}) if q else "",
            "unit_total": progress["units"],
            "item_count": item_count,
            "completeness": round(100 * progress["submitted"] / progress["units"]) if progress["units"] else 0,
            "on_time_rate": round(100 * progress["on_time"] / progress["submitted"]) if progress["submitted"] else 0,
            "next_state": next_state,
            "next_label": RoundState(next_state).label if next_state else "",
            "candidate_units": candidates_units if round_.state == RoundState.DRAFT else [],
            "inspectors": _inspector_candidates(round_),
        },
    )


@login_required
@require_POST
def round_units_add(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = permissions.get_round_or_404(request.user, pk, manage=True)
    ids = [int(x) for x in request.POST.getlist("units") if x.isdigit()]
    units = Organization.objects.filter(pk__in=ids, path__startswith=round_.office.path)
    try:
        round_services.round_add_units(round_=round_, units=units, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("evaluation:round_manage", pk=round_.pk)


@login_required
@require_POST
def assignment_add(request: HttpRequest, pk: int) -> HttpResponse:
    round_unit = permissions.get_round_unit_or_404(request.user, pk, action="manage")
    inspector = User.objects.filter(pk=request.POST.get("inspector") or 0).first()
    if inspector is None:
        messages.error(request, "بازرس را انتخاب کنید.")
    else:
        try:
            round_services.assignment_create(round_unit=round_unit, inspector=inspector, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{inspector.display_name} بازرس {round_unit.unit} شد.")
    return redirect("evaluation:round_manage", pk=round_unit.round_id)


@login_required
@require_POST
def assignment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(Assignment.objects.select_related("round_unit__round__office"), pk=pk)
    if not permissions.can_manage_round(request.user, assignment.round_unit.round):
        raise Http404
    try:
        round_services.assignment_delete(assignment=assignment, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("evaluation:round_manage", pk=assignment.round_unit.round_id)


@login_required
@require_POST
def round_advance(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = permissions.get_round_or_404(request.user, pk, manage=True)
    target = request.POST.get("to", "")
    try:
        round_ = round_services.round_advance(round_=round_, to=target, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"دوره به مرحله «{RoundState(round_.state).label}» رفت.")
    return redirect("evaluation:round_manage", pk=round_.pk)
