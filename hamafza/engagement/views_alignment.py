"""An agency's aligned stakeholders, each with its reasons, and the confirmation of a match as a relationship."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError
from hamafza.engagement import permissions
from hamafza.engagement.alignment import aligned_stakeholders
from hamafza.engagement.forms import RelationshipForm
from hamafza.engagement.models import Relationship
from hamafza.engagement.services.relations import relationship_create


@login_required
def agency_pick(request: HttpRequest) -> HttpResponse:
    agencies = list(permissions.agencies_for(request.user)[:200])
    if not agencies:
        raise Http404
    if len(agencies) == 1:
        return redirect("engagement:alignment", agencies[0].pk)
    return render(request, "engagement/agency_pick.html", {"agencies": agencies})


@login_required
def alignment(request: HttpRequest, pk: int) -> HttpResponse:
    agency = permissions.get_agency_or_404(request.user, pk)
    matches = aligned_stakeholders(agency)
    related = set(Relationship.objects.filter(organization=agency).values_list("stakeholder_id", flat=True))
    return render(
        request,
        "engagement/alignment.html",
        {
            "agency": agency,
            "matches": matches,
            "related": related,
            "tags": agency.tags.all(),
            "form": RelationshipForm(),
        },
    )


@login_required
@require_POST
def relationship_confirm(request: HttpRequest, pk: int, stakeholder_pk: int) -> HttpResponse:
    agency = permissions.get_agency_or_404(request.user, pk)
    stakeholder = permissions.get_stakeholder_or_404(request.user, stakeholder_pk)
    form = RelationshipForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("engagement:alignment", agency.pk)
    try:
        relationship_create(organization=agency, stakeholder=stakeholder, by=request.user, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"همکاری با «{stakeholder.name}» ثبت شد.")
    return redirect("engagement:alignment", agency.pk)
