"""The import screen: upload → preview (row errors, duplicates) → confirm; progress polled with htmx."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError
from hamafza.engagement import permissions
from hamafza.engagement.forms import ImportForm
from hamafza.engagement.models import ImportStatus, StakeholderImport
from hamafza.engagement.services import imports
from hamafza.engagement.services.sheets import template_xlsx

PREVIEW_LIMIT = 200


def _job_or_404(request: HttpRequest, pk: int) -> StakeholderImport:
    job = StakeholderImport.objects.filter(pk=pk).first()
    if job is None or not permissions.can_create_stakeholder(request.user):
        raise Http404
    if job.created_by_id != request.user.pk and not permissions.org_permissions.is_system_admin(request.user):
        raise Http404
    return job


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_stakeholder(request.user):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.import_start(upload=form.cleaned_data["file"], by=request.user)
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            return redirect("engagement:import_detail", job.pk)
    return render(request, "engagement/import_upload.html", {"form": form})


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_stakeholder(request.user):
        raise Http404
    response = HttpResponse(
        template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="stakeholders-template.xlsx"'
    return response


def _context(job: StakeholderImport) -> dict[str, object]:
    report = job.report or {}
    return {
        "job": job,
        "errors": report.get("errors", [])[:PREVIEW_LIMIT],
        "error_count": len(report.get("errors", [])),
        "duplicates": report.get("duplicates", [])[:PREVIEW_LIMIT],
        "duplicate_count": len(report.get("duplicates", [])),
        "good": report.get("good", 0),
        "busy": job.status in (ImportStatus.ANALYZING, ImportStatus.IMPORTING),
    }


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(request, pk)
    return render(request, "engagement/import_detail.html", _context(job))


@login_required
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment htmx polls; once the work is done it tells the page to reload."""
    job = _job_or_404(request, pk)
    context = _context(job)
    response = render(request, "engagement/_import_progress.html", context)
    if not context["busy"]:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(request, pk)
    job = imports.import_confirm(job=job, by=request.user)
    if job.status == ImportStatus.DONE:
        messages.success(request, "ذی‌نفعان ثبت شدند.")
    return redirect("engagement:import_detail", job.pk)
