"""Pages of development indicators, their values and import, and the deprived-first ranking."""

from __future__ import annotations

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError
from hamafza.development import permissions, selectors, services
from hamafza.development.forms import (
    ImportForm,
    IndicatorForm,
    IndicatorValuesForm,
)
from hamafza.development.models import (
    IndicatorValue,
)
from hamafza.organizations import permissions as org_permissions
from hamafza.persian import format_number, to_latin_digits, to_persian_digits


@login_required
def indicators(request: HttpRequest, org: int) -> HttpResponse:
    owner = permissions.get_owner_or_404(request.user, org)
    ranking = selectors.development_ranking(owner)
    counties = list(services.counties_of(owner).only("id", "name"))
    empty = [None] * len(ranking.indicators)
    table = [
        (county, list(zip(ranking.indicators, ranking.matrix.get(county.pk, empty), strict=True)))
        for county in counties
    ]
    return render(
        request,
        "development/indicators.html",
        {
            "owner": owner,
            "indicators": ranking.indicators,
            "table": table,
            "can_manage": permissions.can_manage(request.user, owner),
            "form": IndicatorForm(),
        },
    )


@login_required
@require_POST
def indicator_create(request: HttpRequest, org: int) -> HttpResponse:
    owner = permissions.get_owner_or_404(request.user, org, manage=True)
    form = IndicatorForm(request.POST)
    if form.is_valid():
        try:
            indicator = services.indicator_create(owner=owner, by=request.user, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "شاخص ثبت شد؛ مقدار آن را برای هر شهرستان بنویسید.")
            return redirect("development:indicator_values", indicator.pk)
    else:
        messages.error(request, "عنوان شاخص را بنویسید.")
    return redirect("development:indicators", owner.pk)


@login_required
def indicator_values(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = permissions.get_indicator_or_404(request.user, pk)
    counties = list(services.counties_of(indicator.owner).only("id", "name"))
    current = dict(IndicatorValue.objects.filter(indicator=indicator).values_list("county_id", "value"))
    form = IndicatorValuesForm(
        request.POST or None, counties=counties, initial_values=current, initial={"version": indicator.version}
    )
    if request.method == "POST" and form.is_valid():
        values: dict[int, float | None] = {}
        for county in counties:
            raw = form.cleaned_data.get(f"c{county.pk}") or ""
            try:
                values[county.pk] = services.parse_number(raw) if raw.strip() else None
            except DomainError as error:
                form.add_error(f"c{county.pk}", error.message)
        if form.is_valid():
            try:
                services.indicator_values_set(
                    indicator=indicator, values=values, by=request.user, version=form.cleaned_data["version"]
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "مقدارهای شاخص ذخیره شد.")
                return redirect("development:indicators", indicator.owner_id)
    return render(
        request,
        "development/form.html",
        {"form": form, "title": f"مقدارهای «{indicator.title}»", "owner": indicator.owner},
    )


@login_required
def indicators_import(request: HttpRequest, org: int) -> HttpResponse:
    owner = permissions.get_owner_or_404(request.user, org, manage=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = services.indicators_import(owner=owner, upload=form.cleaned_data["file"], by=request.user)
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            if report.ok:
                messages.success(
                    request,
                    f"{to_persian_digits(report.values)} مقدار از {to_persian_digits(report.rows)} شهرستان ثبت شد.",
                )
                return redirect("development:ranking", owner.pk)
    return render(request, "development/import.html", {"form": form, "owner": owner, "report": report})


@login_required
def indicators_template(request: HttpRequest, org: int) -> HttpResponse:
    owner = permissions.get_owner_or_404(request.user, org, manage=True)
    response = HttpResponse(
        services.template_xlsx(owner), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="development-indicators.xlsx"'
    return response


def _thresholds(raw: str) -> list[float] | None:
    parts = [p for p in to_latin_digits(raw).replace("٫", ".").replace("،", ",").split(",") if p.strip()]
    try:
        values = sorted(float(p) for p in parts)
    except ValueError:
        return None
    return values[:3] if values and all(0 <= v <= 100 for v in values) else None


def ranking(request: HttpRequest, org: int) -> HttpResponse:
    """Public: which counties are the most deprived is the ground of the governors' priorities (seed 001)."""
    owner = permissions.get_ranking_owner_or_404(request.user, org)
    method = request.GET.get("method", "deviation")
    thresholds = _thresholds(request.GET.get("thresholds", "")) if method == "thresholds" else None
    try:
        k = float(to_latin_digits(request.GET.get("k", "1")).replace("٫", "."))
    except ValueError:
        k = 1.0
    k = min(max(k, 0.25), 3.0) if math.isfinite(k) else 1.0
    result = selectors.development_ranking(owner, k=k, thresholds=thresholds)
    chart = {
        "labels": [area.name for area in result.areas],
        "values": [round(area.morris, 1) for area in result.areas],
        "classes": [area.klass for area in result.areas],
        "class_labels": list(selectors.CLASS_LABELS),
    }
    return render(
        request,
        "development/ranking.html",
        {
            "owner": owner,
            "ranking": result,
            "chart": chart,
            "method": "thresholds" if thresholds else "deviation",
            "k": k,
            "thresholds": "، ".join(format_number(t) for t in thresholds) if thresholds else "",
            "can_manage": request.user.is_authenticated and permissions.can_manage(request.user, owner),
            "can_view": request.user.is_authenticated and org_permissions.can(request.user, permissions.VIEW, owner),
        },
    )
