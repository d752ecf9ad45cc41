"""Development pages: talent cores, indicators and the deprived-first ranking, key works, pledges, experiences."""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError, VersionConflict
from hamafza.development import permissions, selectors, services
from hamafza.development.forms import (
    AdoptForm,
    CapacityForm,
    ExperienceForm,
    ImportForm,
    IndicatorForm,
    IndicatorValuesForm,
    KeyWorkForm,
    PledgeForm,
    WeightsForm,
)
from hamafza.development.models import (
    CRITERIA,
    Indicator,
    IndicatorValue,
    KeyWork,
    Pledge,
    PledgeStatus,
)
from hamafza.engagement.models import Stakeholder, StakeholderRepresentative
from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.models import Organization, OrganizationKind
from hamafza.persian import format_number, normalize, to_latin_digits, to_persian_digits
from hamafza.programs import permissions as program_permissions
from hamafza.programs import selectors as program_selectors

GOVERNORATES = (OrganizationKind.GOVERNORATE, OrganizationKind.COUNTY_GOVERNORATE)


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, settings.HAMAFZA_PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# ---- the hub -------------------------------------------------------------------------------------------------


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


# ---- talent cores --------------------------------------------------------------------------------------------


@login_required
def capacities(request: HttpRequest, org: int) -> HttpResponse:
    owner = permissions.get_owner_or_404(request.user, org)
    ranked, weights = selectors.capacity_ranking(owner)
    criteria = [(label, weights.weights[i] if weights else 1 / len(CRITERIA)) for i, (_, label) in enumerate(CRITERIA)]
    return render(
        request,
        "development/capacities.html",
        {
            "owner": owner,
            "ranked": ranked,
            "weights": weights,
            "criteria": criteria,
            "can_manage": permissions.can_manage(request.user, owner),
        },
    )


@login_required
def capacity_create(request: HttpRequest, org: int) -> HttpResponse:
    owner = permissions.get_owner_or_404(request.user, org, manage=True)
    form = CapacityForm(request.POST or None, counties=services.counties_of(owner))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.capacity_create(
                owner=owner,
                by=request.user,
                title=data["title"],
                kind=data["kind"],
                county=data["county"],
                description=data["description"],
                importance=data["importance"],
                sustainability=data["sustainability"],
                long_term=data["long_term"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "ظرفیت ثبت شد.")
            return redirect("development:capacities", owner.pk)
    return render(request, "development/form.html", {"form": form, "title": "ثبت ظرفیت", "owner": owner})


@login_required
def capacity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    capacity = permissions.get_capacity_or_404(request.user, pk)
    initial = {
        "title": capacity.title,
        "kind": capacity.kind,
        "county": capacity.county_id,
        "description": capacity.description,
        "importance": to_persian_digits(capacity.importance),
        "sustainability": to_persian_digits(capacity.sustainability),
        "long_term": to_persian_digits(capacity.long_term),
        "version": capacity.version,
    }
    form = CapacityForm(request.POST or None, initial=initial, counties=services.counties_of(capacity.owner))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.capacity_update(
                capacity=capacity,
                by=request.user,
                version=data["version"] or capacity.version,
                title=data["title"],
                kind=data["kind"],
                county=data["county"],
                description=data["description"],
                importance=data["importance"],
                sustainability=data["sustainability"],
                long_term=data["long_term"],
            )
        except VersionConflict as error:
            return render(
                request,
                "development/form.html",
                {"form": form, "title": "ویرایش ظرفیت", "owner": capacity.owner, "conflict": error.message},
                status=409,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "ظرفیت ذخیره شد.")
            return redirect("development:capacities", capacity.owner_id)
    return render(request, "development/form.html", {"form": form, "title": "ویرایش ظرفیت", "owner": capacity.owner})


def _judgement_text(value: float) -> str:
    if value >= 1:
        return format_number(round(value, 2))
    return "۱/" + format_number(round(1 / value, 2))


@login_required
def weights(request: HttpRequest, org: int) -> HttpResponse:
    owner = permissions.get_owner_or_404(request.user, org, manage=True)
    current = owner.capacity_weights if hasattr(owner, "capacity_weights") else None
    initial: dict[str, Any] = {"version": current.version if current else None}
    if current and current.matrix:
        m = current.matrix
        for name, value in zip(WeightsForm.FIELDS, (m[0][1], m[0][2], m[1][2]), strict=True):
            initial[name] = _judgement_text(value)
    form = WeightsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            upper = [services.parse_judgement(form.cleaned_data[name]) for name in WeightsForm.FIELDS]
            services.weights_set(
                owner=owner,
                matrix=services.matrix_from_upper(upper),
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except VersionConflict as error:
            form.add_error(None, error.message)
            status = 409
        except DomainError as error:
            form.add_error(None, error.message)
            status = 400
        else:
            messages.success(request, "وزن معیارها ثبت شد و رتبه‌بندی ظرفیت‌ها به‌روز شد.")
            return redirect("development:capacities", owner.pk)
    return render(
        request, "development/weights.html", {"form": form, "owner": owner, "current": current}, status=status
    )


# ---- indicators and the ranking ------------------------------------------------------------------------------


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


# ---- key works -----------------------------------------------------------------------------------------------


def _key_work_queryset(queryset: Any) -> Any:
    return queryset.select_related("program__owner", "county", "governor")


@login_required
def key_work_list(request: HttpRequest) -> HttpResponse:
    if not permissions.views_anywhere(request.user):
        raise Http404
    key_works = list(_key_work_queryset(permissions.key_works_visible_to(request.user)))
    rows = selectors.key_work_rows(key_works)
    page = _page(request, rows)
    progress = _progress_of([kw.program_id for kw, _ in page])
    return render(
        request,
        "development/key_work_list.html",
        {
            "page": page,
            "rows": [(kw, area, progress.get(kw.program_id, 0.0)) for kw, area in page],
            "public": False,
            "can_create": org_permissions.can_anywhere(request.user, program_permissions.EDIT),
        },
    )


def key_work_public(request: HttpRequest) -> HttpResponse:
    key_works = list(
        _key_work_queryset(KeyWork.objects.filter(program__in=program_selectors.published_programs().values("id")))
    )
    rows = selectors.key_work_rows(key_works)
    page = _page(request, rows)
    progress = _progress_of([kw.program_id for kw, _ in page])
    return render(
        request,
        "development/key_work_list.html",
        {"page": page, "rows": [(kw, area, progress.get(kw.program_id, 0.0)) for kw, area in page], "public": True},
    )


def _progress_of(program_ids: list[int]) -> dict[int, float]:
    from hamafza.programs.models import Program

    annotated = program_selectors.with_progress(Program.objects.filter(pk__in=program_ids))
    return {p.pk: program_selectors.progress_of(p) for p in annotated}


@login_required
def key_work_create(request: HttpRequest) -> HttpResponse:
    # Seed 001 speaks of governors; any organization a person manages may name its key works.
    owners = org_permissions.organizations_where(request.user, program_permissions.EDIT).order_by("sort_key")
    if not owners.exists():
        raise Http404
    form = KeyWorkForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            key_work = services.key_work_create(
                owner=data["owner"],
                title=data["title"],
                goals=data["goals"],
                challenge=data["challenge"],
                jalali_year=data["jalali_year"],
                period=data["period"],
                county=data["county"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "کار شاخص ثبت شد؛ نقاط عطف آن را در صفحه برنامه بیفزایید.")
            return redirect("development:key_work_detail", key_work.pk)
    return render(request, "development/form.html", {"form": form, "title": "تعریف کار شاخص"})


def key_work_detail(request: HttpRequest, pk: int) -> HttpResponse:
    key_work = permissions.get_key_work_or_404(request.user, pk)
    program = program_selectors.program_with_progress(key_work.program)
    ((_, area),) = selectors.key_work_rows([key_work])
    totals = selectors.pledge_totals([program.pk])[program.pk]
    experiences = selectors.with_adoptions(permissions.experiences_visible_to(request.user).filter(programs=program))
    return render(
        request,
        "development/key_work_detail.html",
        {
            "key_work": key_work,
            "program": program,
            "progress": program_selectors.progress_of(program),
            "milestones": list(program_selectors.milestones_of(program)),
            "area": area,
            "totals": totals,
            "experiences": experiences,
            "can_edit": program_permissions.can_edit_program(request.user, program),
        },
    )


# ---- pledges -------------------------------------------------------------------------------------------------


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


# ---- experiences ---------------------------------------------------------------------------------------------


def experience_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    tag = normalize(request.GET.get("tag", ""))[:60]
    experiences = permissions.experiences_visible_to(request.user).select_related("owner")
    if q:
        experiences = selectors.search_experiences(experiences, q)
    if tag:
        experiences = experiences.filter(tags__contains=tag)
    page = _page(request, selectors.with_adoptions(experiences))
    return render(
        request,
        "development/experience_list.html",
        {
            "page": page,
            "q": q,
            "tag": tag,
            "query": _query_without_page(request),
            "can_create": request.user.is_authenticated and permissions.manages_anywhere(request.user),
        },
    )


def _experience_form(request: HttpRequest, **kwargs: Any) -> ExperienceForm:
    return ExperienceForm(
        request.POST or None,
        owners=permissions.organizations_managed(request.user),
        programs=program_permissions.programs_visible_to(request.user),
        **kwargs,
    )


@login_required
def experience_create(request: HttpRequest) -> HttpResponse:
    if not permissions.manages_anywhere(request.user):
        raise Http404
    form = _experience_form(request)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            experience = services.experience_create(by=request.user, **data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "تجربه ثبت شد.")
            return redirect("development:experience_detail", experience.pk)
    return render(request, "development/form.html", {"form": form, "title": "ثبت تجربه موفق"})


def experience_detail(request: HttpRequest, pk: int) -> HttpResponse:
    experience = permissions.get_experience_or_404(request.user, pk)
    adopters = list(
        Organization.objects.filter(pk__in=experience.adoptions.values("organization_id")).order_by("sort_key")
    )
    can_adopt = request.user.is_authenticated and experience.is_published and permissions.manages_anywhere(request.user)
    adopt_form = AdoptForm(organizations=permissions.organizations_managed(request.user)) if can_adopt else None
    programs = program_permissions.programs_visible_to(request.user).filter(experiences=experience)
    return render(
        request,
        "development/experience_detail.html",
        {
            "experience": experience,
            "adopters": adopters,
            "adopt_form": adopt_form,
            "programs": programs,
            "can_edit": request.user.is_authenticated and permissions.can_manage(request.user, experience.owner),
        },
    )


@login_required
def experience_edit(request: HttpRequest, pk: int) -> HttpResponse:
    experience = permissions.get_experience_or_404(request.user, pk, edit=True)
    initial = {k: getattr(experience, k) for k in services.EXPERIENCE_FIELDS}
    initial |= {
        "owner": experience.owner_id,
        "is_published": experience.is_published,
        "version": experience.version,
        "programs": list(experience.programs.values_list("pk", flat=True)),
    }
    form = _experience_form(request, initial=initial)
    form.fields["owner"].disabled = True
    form.fields["owner"].queryset = Organization.objects.filter(pk=experience.owner_id)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("owner", None)
        version = data.pop("version", None) or experience.version
        try:
            services.experience_update(experience=experience, by=request.user, version=version, **data)
        except VersionConflict as error:
            return render(
                request,
                "development/form.html",
                {"form": form, "title": "ویرایش تجربه", "conflict": error.message},
                status=409,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "تجربه ذخیره شد.")
            return redirect("development:experience_detail", experience.pk)
    return render(request, "development/form.html", {"form": form, "title": "ویرایش تجربه"})


@login_required
@require_POST
def experience_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    experience = permissions.get_experience_or_404(request.user, pk)
    if not permissions.manages_anywhere(request.user):
        raise Http404
    form = AdoptForm(request.POST, organizations=permissions.organizations_managed(request.user))
    if not form.is_valid():
        messages.error(request, "سازمانی را که این تجربه را به کار گرفته است انتخاب کنید.")
        return redirect("development:experience_detail", experience.pk)
    try:
        services.experience_adopt(
            experience=experience, organization=form.cleaned_data["organization"], by=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "به‌کارگیری این تجربه ثبت شد.")
    return redirect("development:experience_detail", experience.pk)
