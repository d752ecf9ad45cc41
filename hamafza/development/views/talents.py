"""Pages of criteria weights and talent cores."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hamafza.core.errors import DomainError, VersionConflict
from hamafza.development import permissions, selectors, services
from hamafza.development.forms import (
    CapacityForm,
    WeightsForm,
)
from hamafza.development.models import (
    CRITERIA,
)
from hamafza.persian import format_number, to_persian_digits


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
