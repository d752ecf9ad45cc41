"""Program pages: the list, one program with its milestones, the forms, and the public pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError, VersionConflict
from hamafza.core.related import related_links
from hamafza.organizations import permissions as org_permissions
from hamafza.persian import to_persian_digits
from hamafza.programs import permissions, selectors, services
from hamafza.programs.forms import MilestoneForm, ProgramForm, ProgressForm
from hamafza.programs.models import Program, ProgramKind, ProgramStatus


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _rows(page: Any) -> list[tuple[Program, float]]:
    return [(program, selectors.progress_of(program)) for program in page]


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    if not org_permissions.can_anywhere(request.user, permissions.VIEW):
        raise Http404
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    q = request.GET.get("q", "")
    programs = selectors.program_list(
        request.user,
        kind=kind if kind in ProgramKind.values else "",
        status=status if status in ProgramStatus.values else "",
        q=q,
        today=timezone.localdate(),
        late_only=request.GET.get("late") == "1",
    )
    page = Paginator(programs, settings.HAMAFZA_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "programs/program_list.html",
        {
            "late": request.GET.get("late") == "1",
            "page": page,
            "rows": _rows(page),
            "kind": kind,
            "status": status,
            "q": q,
            "kinds": ProgramKind.choices,
            "statuses": ProgramStatus.choices,
            "query": _query_without_page(request),
            "can_create": permissions.can_create_programs(request.user),
        },
    )


def public_list(request: HttpRequest) -> HttpResponse:
    """Published programs, open to everyone (seed 001: people see the governor's key works and their progress)."""
    kind = request.GET.get("kind", "")
    programs = selectors.published_programs(kind=kind if kind in ProgramKind.values else "", q=request.GET.get("q", ""))
    page = Paginator(programs, settings.HAMAFZA_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "programs/public_list.html",
        {
            "page": page,
            "rows": _rows(page),
            "kind": kind,
            "kinds": ProgramKind.choices,
            "query": _query_without_page(request),
        },
    )


def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One program; anonymous visitors may open it once it is published."""
    program = permissions.get_program_or_404(request.user, pk)
    annotated = selectors.program_with_progress(program)
    can_edit = permissions.can_edit_program(request.user, program)
    today = timezone.localdate()
    milestones = [
        (
            m,
            ProgressForm(
                initial={
                    "progress": to_persian_digits(m.progress),
                    "version": m.version,
                    "blocked": m.status == "blocked",
                },
                prefix=f"m{m.pk}",
            ),
        )
        for m in selectors.milestones_of(program)
    ]
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": annotated,
            "progress": selectors.progress_of(annotated),
            "milestones": milestones,
            "can_edit": can_edit,
            "milestone_form": MilestoneForm() if can_edit else None,
            "today": today,
            "related": related_links(program, request.user),
        },
    )


@login_required
def program_create(request: HttpRequest) -> HttpResponse:
    owners = org_permissions.organizations_where(request.user, permissions.EDIT).order_by("sort_key")
    if not permissions.can_create_programs(request.user):
        raise Http404
    form = ProgramForm(request.POST or None, owners=owners, initial={"kind": request.GET.get("kind", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            program = services.program_create(
                owner=data["owner"],
                title=data["title"],
                kind=data["kind"],
                status=data["status"],
                goals=data["goals"],
                challenge=data["challenge"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                province=data["province"],
                county=data["county"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "برنامه ثبت شد. اکنون نقاط عطف آن را بیفزایید.")
            return redirect("programs:detail", pk=program.pk)
    return render(request, "programs/program_form.html", {"form": form, "program": None})


@login_required
def program_edit(request: HttpRequest, pk: int) -> HttpResponse:
    program = permissions.get_program_or_404(request.user, pk, edit=True)
    fields = ("title", "kind", "status", "goals", "challenge", "start_date", "end_date", "province", "county")
    initial = {name: getattr(program, name) for name in fields} | {"version": program.version}
    form = ProgramForm(request.POST or None, initial=initial, editing=True)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.program_update(
                program=program,
                by=request.user,
                version=data["version"] or 0,
                **{name: data[name] for name in fields},
            )
        except VersionConflict as error:
            form.add_error(None, error.message)
            status = 409
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "تغییرات برنامه ذخیره شد.")
            return redirect("programs:detail", pk=program.pk)
    return render(request, "programs/program_form.html", {"form": form, "program": program}, status=status)


@login_required
@require_POST
def program_publish(request: HttpRequest, pk: int) -> HttpResponse:
    program = permissions.get_program_or_404(request.user, pk, edit=True)
    try:
        if request.POST.get("action") == "unpublish":
            services.program_unpublish(program=program, by=request.user)
            messages.success(request, "برنامه از دید عموم برداشته شد.")
        else:
            services.program_publish(program=program, by=request.user)
            messages.success(request, "برنامه منتشر شد و صفحه آن برای همه باز است.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("programs:detail", pk=program.pk)


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    program = permissions.get_program_or_404(request.user, pk, edit=True)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_add(
                program=program,
                title=form.cleaned_data["title"],
                weight=form.cleaned_data["weight"],
                due_date=form.cleaned_data["due_date"],
                by=request.user,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "نقطه عطف افزوده شد.")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("programs:detail", pk=program.pk)


@login_required
@require_POST
def milestone_progress(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = permissions.get_milestone_or_404(request.user, pk)
    form = ProgressForm(request.POST, prefix=f"m{milestone.pk}")
    if not form.is_valid():
        messages.error(request, "پیشرفت را به درصد بنویسید؛ مانند ۴۵.")
        return redirect("programs:detail", pk=milestone.program_id)
    try:
        services.milestone_update_progress(
            milestone=milestone,
            progress=form.cleaned_data["progress"],
            blocked=form.cleaned_data["blocked"],
            note=form.cleaned_data["note"],
            version=form.cleaned_data["version"],
            by=request.user,
        )
    except VersionConflict as error:
        messages.error(request, error.message)
        return redirect("programs:detail", pk=milestone.program_id)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"پیشرفت «{milestone.title}» ثبت شد.")
    return redirect("programs:detail", pk=milestone.program_id)
