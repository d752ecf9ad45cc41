"""Results of a round: the public ranking, one unit's result, inspector agreement, and the exports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from hamafza.core import public_pages
from hamafza.core.db.replica import reads_from_replica
from hamafza.core.public_cache import cached_for_visitors
from hamafza.evaluation import permissions, selectors_results
from hamafza.evaluation.exports import round_results_xlsx_file, unit_report_pdf
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


RANKING_PAGE_SIZE = 50
CACHE_SECONDS = 24 * 3600


def _published_key(round_: Round, part: str) -> str | None:
    """A cache key for a published round's results, which never change once published (the round is locked);
    publishing is the one event that makes them, so the key carries the moment of publication."""
    if round_.state != RoundState.PUBLISHED or round_.published_at is None:
        return None
    return f"evaluation:results:{round_.pk}:{round_.published_at.timestamp():.0f}:{part}"


def _cached(key: str | None, compute: Callable[[], Any]) -> Any:
    if key is None:
        return compute()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


@cached_for_visitors()
@reads_from_replica
def round_results(request: HttpRequest, pk: int) -> HttpResponse:
    """The ranking, a page of 50 units at a time; the charts come from ``round_results_chart`` as JSON, so a
    national round's page stays small. Published rounds' unit count is cached: it never changes."""
    round_, units = _round(request, pk)
    paginator = Paginator(selectors_results.ranking_order(units), RANKING_PAGE_SIZE)
    paginator.count = _cached(_published_key(round_, "count"), units.count)  # type: ignore[misc]
    page = paginator.get_page(request.GET.get("page"))
    axes, rows = selectors_results.ranking_rows(round_, list(page.object_list))
    return render(
        request,
        "evaluation/results_round.html",
        {
            "round": round_,
            "axes": axes,
            "rows": rows,
            "page": page,
            "scale": round_.framework_version.scale_total,
            "is_published": round_.state == RoundState.PUBLISHED,
            "can_manage": permissions.can_manage_round(request.user, round_),
            "comments_url": public_pages.comments_url(round_) if round_.state == RoundState.PUBLISHED else None,
        },
    )


@cached_for_visitors()
@reads_from_replica
def round_results_chart(request: HttpRequest, pk: int) -> JsonResponse:
    """The ranking's chart data (every visible unit's name and total, and the top ten's trend) in compact JSON."""
    round_, units = _round(request, pk)
    data = _cached(_published_key(round_, "chart"), lambda: selectors_results.chart_data(round_, units))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")})
    if round_.state == RoundState.PUBLISHED:
        response["Cache-Control"] = "public, max-age=300"
    return response


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


@cached_for_visitors()
@reads_from_replica
def unit_results(request: HttpRequest, pk: int) -> HttpResponse:
    round_unit = _unit(request, pk)
    context = unit_context(round_unit)
    if round_unit.round.state == RoundState.PUBLISHED:
        context["comments_url"] = public_pages.comments_url(round_unit)
    return render(request, "evaluation/results_unit.html", context)


def round_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = permissions.get_round_or_404(request.user, pk, manage=True)
    return render(
        request, "evaluation/results_agreement.html", {"round": round_, "rows": selectors_results.agreement(round_)}
    )


def _attachment(response: HttpResponse, ascii_name: str, persian_name: str) -> HttpResponse:
    # RFC 5987: old clients take the ASCII name, everyone else the Persian one.
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(persian_name)}"
    return response


@reads_from_replica
def round_results_export(request: HttpRequest, pk: int) -> HttpResponse:
    round_, units = _round(request, pk)
    # Streamed from a temporary file: a national round never sits in memory whole.
    response = FileResponse(round_results_xlsx_file(round_, units), content_type=XLSX)
    return _attachment(response, f"results-{round_.code}.xlsx", f"نتایج {round_.title}.xlsx")


@reads_from_replica
def unit_report(request: HttpRequest, pk: int) -> HttpResponse:
    round_unit = _unit(request, pk)
    pdf = unit_report_pdf(unit_context(round_unit))
    response = HttpResponse(pdf, content_type="application/pdf")
    return _attachment(
        response, f"report-{round_unit.round.code}-{round_unit.pk}.pdf", f"کارنامه {round_unit.unit.name}.pdf"
    )


urlpatterns: list[URLPattern] = [
    path("rounds/<int:pk>/results/", round_results, name="round_results"),
    path("rounds/<int:pk>/results/chart.json", round_results_chart, name="round_results_chart"),
    path("rounds/<int:pk>/results.xlsx", round_results_export, name="round_results_xlsx"),
    path("rounds/<int:pk>/agreement/", round_agreement, name="round_agreement"),
    path("units/<int:pk>/results/", unit_results, name="unit_results"),
    path("units/<int:pk>/report.pdf", unit_report, name="unit_report_pdf"),
]
