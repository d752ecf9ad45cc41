"""Joint programs seen from engagement: which stakeholders take part, in what role, with what contribution."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError
from hamafza.engagement import permissions
from hamafza.engagement.models import PartnerRole, ProgramPartner, Relationship, Stakeholder
from hamafza.engagement.services.programs import program_partner_add, program_partner_remove
from hamafza.programs.models import ProgramKind
from hamafza.programs.permissions import can_edit_program, get_program_or_404, programs_visible_to
from hamafza.programs.selectors import progress_of, with_progress


@login_required
def joint_programs(request: HttpRequest) -> HttpResponse:
    if not permissions.uses_registry(request.user):
        raise Http404
    programs = with_progress(
        programs_visible_to(request.user).filter(kind=ProgramKind.JOINT_PROGRAM).select_related("owner")
    ).prefetch_related(Prefetch("engagement_partners", queryset=ProgramPartner.objects.select_related("stakeholder")))
    page = Paginator(programs.order_by("-start_date", "id"), settings.HAMAFZA_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for program in page:
        program.percent = round(progress_of(program))
    return render(request, "engagement/joint_programs.html", {"page": page})


@login_required
def program_partners(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_program_or_404(request.user, pk)
    if program.kind != ProgramKind.JOINT_PROGRAM:
        raise Http404
    editable = can_edit_program(request.user, program)
    candidates = (
        Stakeholder.objects.filter(
            pk__in=Relationship.objects.filter(organization=program.owner).values("stakeholder_id")
        ).order_by("sort_key")
        if editable
        else Stakeholder.objects.none()
    )
    return render(
        request,
        "engagement/program_partners.html",
        {
            "program": program,
            "partners": program.engagement_partners.select_related("stakeholder"),
            "editable": editable,
            "candidates": candidates,
            "roles": PartnerRole.choices,
        },
    )


@login_required
@require_POST
def program_partner_create(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_program_or_404(request.user, pk, edit=True)
    stakeholder = permissions.get_stakeholder_or_404(request.user, request.POST.get("stakeholder", ""))
    try:
        program_partner_add(
            program=program,
            stakeholder=stakeholder,
            role=request.POST.get("role", ""),
            contribution=request.POST.get("contribution", ""),
            by=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "شریک برنامه افزوده شد.")
    return redirect("engagement:program_partners", pk)


@login_required
@require_POST
def program_partner_delete(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    program = get_program_or_404(request.user, pk, edit=True)
    partner = ProgramPartner.objects.filter(pk=partner_pk, program=program).first()
    if partner is None:
        raise Http404
    program_partner_remove(partner=partner, by=request.user)
    messages.success(request, "شریک از برنامه برداشته شد.")
    return redirect("engagement:program_partners", pk)
