"""Pages of key works."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hamafza.core.errors import DomainError
from hamafza.development import permissions, selectors, services
from hamafza.development.forms import (
    KeyWorkForm,
)
from hamafza.development.models import (
    KeyWork,
)
from hamafza.development.views.common import _page
from hamafza.organizations import permissions as org_permissions
from hamafza.programs import permissions as program_permissions
from hamafza.programs import selectors as program_selectors


def _key_work_queryset(queryset: Any) -> Any:
    return queryset.select_related("program__owner", "county", "governor")


@login_required
def key_work_list(request: HttpRequest) -> HttpResponse:
    if not permissions.views_anywhere(request.user):
        raise Http404
    key_works = list(_key_work_queryset(permissions.key_works_visible_to(request.user)))
    rows = selectors.key_work_rows(key_works)
    page = _page(request, rows)
    progress = _progress_of([kw.program_id for kw, _ in page])
    return render(
        request,
        "development/key_work_list.html",
        {
            "page": page,
            "rows": [(kw, area, progress.get(kw.program_id, 0.0)) for kw, area in page],
            "public": False,
            "can_create": org_permissions.can_anywhere(request.user, program_permissions.EDIT),
        },
    )


def key_work_public(request: HttpRequest) -> HttpResponse:
    key_works = list(
        _key_work_queryset(KeyWork.objects.filter(program__in=program_selectors.published_programs().values("id")))
    )
    rows = selectors.key_work_rows(key_works)
    page = _page(request, rows)
    progress = _progress_of([kw.program_id for kw, _ in page])
    return render(
        request,
        "development/key_work_list.html",
        {"page": page, "rows": [(kw, area, progress.get(kw.program_id, 0.0)) for kw, area in page], "public": True},
    )


def _progress_of(program_ids: list[int]) -> dict[int, float]:
    from hamafza.programs.models import Program

    annotated = program_selectors.with_progress(Program.objects.filter(pk__in=program_ids))
    return {p.pk: program_selectors.progress_of(p) for p in annotated}


@login_required
def key_work_create(request: HttpRequest) -> HttpResponse:
    # Seed 001 speaks of governors; any organization a person manages may name its key works.
    owners = org_permissions.organizations_where(request.user, program_permissions.EDIT).order_by("sort_key")
    if not owners.exists():
        raise Http404
    form = KeyWorkForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            key_work = services.key_work_create(
                owner=data["owner"],
                title=data["title"],
                goals=data["goals"],
                challenge=data["challenge"],
                jalali_year=data["jalali_year"],
                period=data["period"],
                county=data["county"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "کار شاخص ثبت شد؛ نقاط عطف آن را در صفحه برنامه بیفزایید.")
            return redirect("development:key_work_detail", key_work.pk)
    return render(request, "development/form.html", {"form": form, "title": "تعریف کار شاخص"})


def key_work_detail(request: HttpRequest, pk: int) -> HttpResponse:
    key_work = permissions.get_key_work_or_404(request.user, pk)
    program = program_selectors.program_with_progress(key_work.program)
    ((_, area),) = selectors.key_work_rows([key_work])
    totals = selectors.pledge_totals([program.pk])[program.pk]
    experiences = selectors.with_adoptions(permissions.experiences_visible_to(request.user).filter(programs=program))
    return render(
        request,
        "development/key_work_detail.html",
        {
            "key_work": key_work,
            "program": program,
            "progress": program_selectors.progress_of(program),
            "milestones": list(program_selectors.milestones_of(program)),
            "area": area,
            "totals": totals,
            "experiences": experiences,
            "can_edit": program_permissions.can_edit_program(request.user, program),
        },
    )
