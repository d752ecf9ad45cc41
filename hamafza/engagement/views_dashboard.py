"""An agency's engagement dashboard, and a governor's view of the province's (or county's) agencies."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from hamafza.engagement import permissions
from hamafza.engagement.dashboard import QUARTERS, figures_for, province_agencies, quiet_middle_rings
from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.roles import Role


@login_required
def agency_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    agency = permissions.get_agency_or_404(request.user, pk)
    (figures,) = figures_for([agency])
    return render(
        request,
        "engagement/dashboard.html",
        {
            "agency": agency,
            "f": figures,
            "chart": {"labels": list(QUARTERS), "values": figures.per_quarter, "title": "فعالیت‌ها در هر فصل"},
        },
    )


@login_required
def governor_dashboard(request: HttpRequest) -> HttpResponse:
    grants = [
        g for g in org_permissions.grants_of(request.user) if g.role == Role.GOVERNOR and g.organization_id is not None
    ]
    if not grants:
        raise Http404
    governorate = grants[0].organization
    figures = sorted(figures_for(province_agencies(governorate)), key=lambda f: (-f.score, f.organization.sort_key))
    return render(
        request,
        "engagement/governor.html",
        {
            "governorate": governorate,
            "figures": figures,
            "quiet": quiet_middle_rings(governorate),
            "chart": {
                "labels": [f.organization.name for f in figures[:12]],
                "values": [f.score for f in figures[:12]],
                "title": "امتیاز تعامل دستگاه‌ها",
            },
        },
    )
