"""The development hub: the governorates whose capacities and ranking a person sees, and the published rankings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from hamafza.development import permissions
from hamafza.development.models import (
    Indicator,
)
from hamafza.development.views.common import GOVERNORATES, _page
from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.models import Organization


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The governorates (and other organizations) whose capacities and development ranking this person sees."""
    if not permissions.views_anywhere(request.user):
        raise Http404
    organizations = org_permissions.organizations_visible_to(request.user).filter(kind__in=GOVERNORATES)
    page = _page(request, organizations.select_related("province"))
    managed = set(
        permissions.organizations_managed(request.user).filter(pk__in=[o.pk for o in page]).values_list("pk", flat=True)
    )
    rankings = Organization.objects.filter(pk__in=Indicator.objects.values("owner_id")).order_by("sort_key")[:20]
    return render(
        request,
        "development/home.html",
        {
            "page": page,
            "managed": managed,
            "rankings": rankings,
            "can_pledges": permissions.manages_anywhere(request.user),
        },
    )
