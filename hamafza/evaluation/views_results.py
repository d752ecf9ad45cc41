"""Results of a round: the public ranking, one unit's result, inspector agreement, and the exports."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from hamafza.evaluation import permissions, selectors_results
from hamafza.evaluation.exports import round_results_xlsx, unit_report_pdf
from hamafza.evaluation.models import Finding, Round, RoundState, RoundUnit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _visible_units(request: HttpRequest, round_: Round) -> QuerySet[RoundUnit]:
    """Published: everyone sees every unit. Before that the office sees all, a unit only itself."""
    units = RoundUnit.objects.filter(round=round_)
    if round_.state == RoundState.PUBLISHED or permissions.can_manage_round(request.user, round_):
        return units
    if round_.state != RoundState.FINALIZED:
        return units.none()
    return units.filter(pk__in=permissions.round_units_visible_to(request.user).values("pk"))


def _round(request: HttpRequest, pk: int) -> tuple[Round, QuerySet[RoundUnit]]:
    round_ = Round.objects.select_related("office", "framework_version__framework").filter(pk=pk).first()
    if round_ is None:
        raise Http404
    units = _visible_units(request, round_)
    if not units.exists():
        raise Http404
    return round_, units


def round_results(request: HttpRequest, pk: int) -> HttpResponse:
    round_, units = _round(request, pk)
    axes, rows = selectors_results.ranking(round_, units)
    chain = selectors_results.round_chain(round_)
    top = [row.round_unit.unit_id for row in rows[:10]]
    chart = {
        "bar": {"labels": [row.round_unit.unit.name for row in rows], "data": [row.round_unit.total for row in rows]},
        "trend": selectors_results.trend(chain, top),
    }
    return render(
        request,
        "evaluation/results_round.html",
        {
            "round": round_,
            "axes": axes,
            "rows": rows,
            "chart": chart,
            "scale": round_.framework_version.scale_total,
            "is_published": round_.state == RoundState.PUBLISHED,
            "can_manage": permissions.can_manage_round(request.user, round_),
        },
    )


def _unit(request: HttpRequest, pk: int) -> RoundUnit:
    round_unit = (
        RoundUnit.objects.select_related("round__office", "round__framework_version", "unit").filter(pk=pk).first()
    )
    if round_unit is None or not _visible_units(request, round_unit.round).filter(pk=pk).exists():
        raise Http404
    return round_unit


def unit_context(round_unit: RoundUnit) -> dict[str, Any]:
    round_ = round_unit.round
    axes, rows = selectors_results.ranking(round_, RoundUnit.objects.filter(pk=round_unit.pk))
    chain = selectors_results.round_chain(round_)
    findings = (
        Finding.objects.filter(round_unit=round_unit).prefetch_related("root_causes__actions").order_by("kind", "id")
    )
    return {
        "ru": round_unit,
        "round": round_,
        "axes": axes,
        "row": rows[0],
        "axis_scores": list(zip(axes, rows[0].axes, strict=True)),
        "findings": findings,
        "scale": round_.framework_version.scale_total,
        "chart": {
            "axes": {
                "labels": [a.title for a in axes],
                "data": [None if s is None else round(100 * s, 1) for s in rows[0].axes],
            },
            "trend": selectors_results.trend(chain, [round_unit.unit_id]),
        },
    }


def unit_results(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "evaluation/results_unit.html", unit_context(_unit(request, pk)))


def round_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = permissions.get_round_or_404(request.user, pk, manage=True)
    return render(
        request, "evaluation/results_agreement.html", {"round": round_, "rows": selectors_results.agreement(round_)}
    )


def _attachment(response: HttpResponse, ascii_name: str, persian_name: str) -> HttpResponse:
    # RFC 5987: old clients take the ASCII name, everyone else the Persian one.
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(persian_name)}"
    return response


def round_results_export(request: HttpRequest, pk: int) -> HttpResponse:
    round_, units = _round(request, pk)
    axes, rows = selectors_results.ranking(round_, units)
    response = HttpResponse(round_results_xlsx(round_, axes, rows), content_type=XLSX)
    return _attachment(response, f"results-{round_.code}.xlsx", f"نتایج {round_.title}.xlsx")


def unit_report(request: HttpRequest, pk: int) -> HttpResponse:
    round_unit = _unit(request, pk)
    pdf = unit_report_pdf(unit_context(round_unit))
    response = HttpResponse(pdf, content_type="application/pdf")
    return _attachment(
        response, f"report-{round_unit.round.code}-{round_unit.pk}.pdf", f"کارنامه {round_unit.unit.name}.pdf"
    )


urlpatterns: list[URLPattern] = [
    path("rounds/<int:pk>/results/", round_results, name="round_results"),
    path("rounds/<int:pk>/results.xlsx", round_results_export, name="round_results_xlsx"),
    path("rounds/<int:pk>/agreement/", round_agreement, name="round_agreement"),
    path("units/<int:pk>/results/", unit_results, name="unit_results"),
    path("units/<int:pk>/report.pdf", unit_report, name="unit_report_pdf"),
]
