"""HQ's view across units: corrective actions to follow up, and the roll-up of weaknesses by theme."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError
from hamafza.core.paging import CappedPaginator
from hamafza.evaluation.models import ActionStatus, CorrectiveAction, Finding, FindingKind
from hamafza.evaluation.services import follow_up
from hamafza.organizations import permissions as org_permissions
from hamafza.persian import to_persian_digits

OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.CONSTRAINED)


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    manage = org_permissions.scope_q(user, "evaluation.manage", prefix="root_cause__finding__round_unit__round__office")
    own = org_permissions.scope_q(user, "evaluation.self_assess", prefix="owner_organization")
    scopes = [q for q in (manage, own) if q is not None]
    if not scopes:
        raise Http404
    query = scopes[0]
    for extra in scopes[1:]:
        query |= extra
    today = timezone.localdate()
    actions = (
        CorrectiveAction.objects.filter(query)
        .select_related("owner_organization", "root_cause__finding__round_unit__round")
        .order_by("due_date", "id")
    )
    status = request.GET.get("status", "")
    if status == "overdue":
        actions = actions.filter(due_date__lt=today, status__in=OPEN_STATUSES)
    elif status in ActionStatus.values:
        actions = actions.filter(status=status)
    # Counted up to 1,001 and paged by cursor on (due_date, id): a national round's follow-up holds thousands.
    page = CappedPaginator(actions, 30).page_for(request.GET)
    return render(
        request,
        "evaluation/action_list.html",
        {
            "page": page,
            "today": today,
            "open_statuses": OPEN_STATUSES,
            "status": status,
            "query": f"status={status}" if status else "",
            "statuses": ActionStatus.choices,
        },
    )


def _weaknesses(request: HttpRequest) -> QuerySet[Finding]:
    query = org_permissions.scope_q(request.user, "evaluation.manage", prefix="round_unit__round__office")
    if query is None:
        raise Http404
    return Finding.objects.filter(query, kind=FindingKind.WEAKNESS)


@login_required
@require_POST
def rollup_route(request: HttpRequest) -> HttpResponse:
    weaknesses = _weaknesses(request)
    department_id = request.POST.get("department", "")
    department = None
    if department_id.isdigit():
        department = (
            org_permissions.organizations_where(request.user, "evaluation.manage").filter(pk=department_id).first()
        )
        if department is None:
            raise Http404
    try:
        count = follow_up.findings_route_theme(
            findings=weaknesses, theme=request.POST.get("theme", ""), department=department, by=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{to_persian_digits(count)} یافته ارجاع شد.")
    return redirect("evaluation:rollup")


@login_required
def rollup(request: HttpRequest) -> HttpResponse:
    """Seed "public space": HQ collects the main challenges of all provinces and routes them to departments."""
    weaknesses = _weaknesses(request)
    themes = list(
        weaknesses.values("theme", "department__name")
        .annotate(count=Count("id"), units=Count("round_unit__unit", distinct=True))
        .order_by("-count", "theme")
    )
    rounds = list(
        weaknesses.values("round_unit__round_id", "round_unit__round__title", "round_unit__round__created_at")
        .annotate(count=Count("id"))
        .order_by("round_unit__round__created_at")
    )
    by_round_theme = list(weaknesses.values("round_unit__round_id", "theme").annotate(count=Count("id")).order_by())
    theme_names = sorted({row["theme"] or "بی‌موضوع" for row in by_round_theme})
    chart = {
        "labels": [r["round_unit__round__title"] for r in rounds],
        "series": [
            {
                "label": theme,
                "data": [
                    next(
                        (
                            x["count"]
                            for x in by_round_theme
                            if x["round_unit__round_id"] == r["round_unit__round_id"]
                            and (x["theme"] or "بی‌موضوع") == theme
                        ),
                        0,
                    )
                    for r in rounds
                ],
            }
            for theme in theme_names
        ],
    }
    open_actions = CorrectiveAction.objects.filter(
        Q(status__in=OPEN_STATUSES),
        root_cause__finding__in=weaknesses,
    ).count()
    departments = org_permissions.organizations_where(request.user, "evaluation.manage").order_by("sort_key")[:300]
    return render(
        request,
        "evaluation/rollup.html",
        {
            "themes": themes,
            "chart": chart,
            "open_actions": open_actions,
            "total": sum(t["count"] for t in themes),
            "departments": departments,
        },
    )
