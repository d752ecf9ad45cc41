"""Pages of pledges and their steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError, VersionConflict
from hamafza.development import permissions, selectors, services
from hamafza.development.forms import (
    PledgeForm,
)
from hamafza.development.models import (
    Pledge,
    PledgeStatus,
)
from hamafza.development.views.common import _page, _query_without_page
from hamafza.engagement.models import Stakeholder, StakeholderRepresentative
from hamafza.programs import permissions as program_permissions


def _stakeholders_of(user: Any) -> Any:
    if not getattr(user, "is_authenticated", False):
        return Stakeholder.objects.none()
    ids = StakeholderRepresentative.objects.filter(user=user).values("stakeholder_id")
    return Stakeholder.objects.filter(pk__in=ids)


def program_pledges(request: HttpRequest, program: int) -> HttpResponse:
    """A program's pledges: totals for everyone, names only with consent; the owner's staff see the ledger."""
    target = program_permissions.get_program_or_404(request.user, program)
    handles = permissions.can_handle_pledges(request.user, target) if request.user.is_authenticated else False
    stakeholders = _stakeholders_of(request.user)
    form = PledgeForm(request.POST or None, stakeholders=stakeholders)
    if not stakeholders.exists():
        # Only an NGO's representative pledges in its name.
        del form.fields["stakeholder"]
        form.fields["pledger_kind"].choices = [c for c in form.fields["pledger_kind"].choices if c[0] != "ngo"]
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            data = {"stakeholder": None, **form.cleaned_data}
            try:
                services.pledge_create(program=target, by=request.user, **data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "تعهد شما ثبت شد؛ پس از تأیید دستگاه مسئول در فهرست می‌آید.")
                return redirect("development:program_pledges", target.pk)
    totals = selectors.pledge_totals([target.pk])[target.pk]
    public_names = list(
        Pledge.objects.filter(
            program=target, public_name=True, status__in=[PledgeStatus.CONFIRMED, PledgeStatus.DELIVERED]
        )
        .order_by("-created_at")
        .values_list("name", "kind")[:50]
    )
    ledger = None
    if handles:
        ledger = _page(request, Pledge.objects.filter(program=target).select_related("stakeholder"))
    own = list(Pledge.objects.filter(program=target, user=request.user)) if request.user.is_authenticated else []
    experiences = selectors.with_adoptions(permissions.experiences_visible_to(request.user).filter(programs=target))
    return render(
        request,
        "development/program_pledges.html",
        {
            "program": target,
            "totals": totals,
            "public_names": [(name, dict(Pledge._meta.get_field("kind").choices)[kind]) for name, kind in public_names],
            "ledger": ledger,
            "own": own,
            "form": form,
            "experiences": experiences,
        },
    )


@login_required
def pledge_queue(request: HttpRequest) -> HttpResponse:
    if not permissions.manages_anywhere(request.user):
        raise Http404
    status = request.GET.get("status", PledgeStatus.PLEDGED)
    if status not in PledgeStatus.values:
        status = PledgeStatus.PLEDGED
    pledges = permissions.pledges_handled_by(request.user).filter(status=status).select_related("program")
    return render(
        request,
        "development/pledge_queue.html",
        {
            "page": _page(request, pledges),
            "status": status,
            "statuses": PledgeStatus.choices,
            "query": _query_without_page(request),
        },
    )


@login_required
@require_POST
def pledge_advance(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = permissions.get_pledge_or_404(request.user, pk)
    to = request.POST.get("to", "")
    version = request.POST.get("version")
    try:
        services.pledge_advance(
            pledge=pledge, to=to, by=request.user, version=int(version) if version and version.isdigit() else None
        )
    except VersionConflict as error:
        messages.error(request, error.message)
        return render(
            request,
            "development/conflict.html",
            {"message": error.message, "back": request.POST.get("next", "")},
            status=409,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "وضعیت تعهد به‌روز شد.")
    nxt = request.POST.get("next", "")
    if nxt.startswith("/development/") and "//" not in nxt:
        return redirect(nxt)
    return redirect("development:program_pledges", pledge.program_id)
