"""Pages of a table's elections: create, nominate, open, the secret ballot, close, the ballots' CSV."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError
from hamafza.persian import to_latin_digits
from hamafza.roundtables import permissions, selectors, services
from hamafza.roundtables.forms import (
    ElectionForm,
)
from hamafza.roundtables.models import (
    ElectionStatus,
    Membership,
    MembershipStatus,
    Voter,
)
from hamafza.roundtables.views.common import _errors


@login_required
@require_POST
def election_create(request: HttpRequest, pk: int) -> HttpResponse:
    table = permissions.get_table_or_404(request.user, pk, manage=True)
    form = ElectionForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("roundtables:detail", pk=table.pk)
    data = form.cleaned_data
    try:
        election = services.election_create(
            table=table,
            title=data["title"],
            method=data["method"],
            quorum=(data["quorum_numerator"], data["quorum_denominator"]),
            term_months=data["term_months"],
            by=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("roundtables:detail", pk=table.pk)
    messages.success(request, "انتخابات تعریف شد. نامزدها را ثبت کنید.")
    return redirect("roundtables:election", pk=election.pk)


def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    election = permissions.get_election_or_404(request.user, pk)
    table = election.table
    can_manage = permissions.can_manage(request.user, table)
    voter = (
        Voter.objects.filter(election=election, user=request.user).first() if request.user.is_authenticated else None
    )
    candidates = list(election.candidates.select_related("user").order_by("order"))
    result = election.result if election.status == ElectionStatus.CLOSED else {}
    rounds = []
    for number, r in enumerate(result.get("rounds", []), start=1):
        rounds.append({"number": number, "cells": list(zip(result["candidates"], r["counts"], strict=True)), **r})
    nominees = []
    if can_manage and election.status == ElectionStatus.NOMINATING:
        taken = {c.user_id for c in candidates}
        nominees = [
            m for m in selectors.members_of(table).filter(status=MembershipStatus.ACCEPTED) if m.user_id not in taken
        ]
    return render(
        request,
        "roundtables/election_detail.html",
        {
            "election": election,
            "table": table,
            "can_manage": can_manage,
            "voter": voter,
            "candidates": candidates,
            "ranks": range(1, len(candidates) + 1),
            "roll": election.voters.count(),
            "cast": election.ballots.count() if election.status != ElectionStatus.NOMINATING else 0,
            "needed": election.quorum_for(election.voters.count()),
            "result": result,
            "pairwise": selectors.pairwise_rows(election) if result else [],
            "rounds": rounds,
            "nominees": nominees,
            "is_member": permissions.membership(request.user, table) is not None,
        },
    )


@login_required
@require_POST
def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    election = permissions.get_election_or_404(request.user, pk, manage=True)
    raw = to_latin_digits(request.POST.get("member", "")).strip()
    member = (
        Membership.objects.filter(pk=int(raw), table=election.table).select_related("user").first()
        if raw.isdigit() and len(raw) < 18
        else None
    )
    if member is None:
        messages.error(request, "عضوی را برای نامزدی انتخاب کنید.")
        return redirect("roundtables:election", pk=election.pk)
    try:
        services.candidate_nominate(election=election, user=member.user, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "نامزد ثبت شد.")
    return redirect("roundtables:election", pk=election.pk)


@login_required
@require_POST
def election_open(request: HttpRequest, pk: int) -> HttpResponse:
    election = permissions.get_election_or_404(request.user, pk, manage=True)
    try:
        services.election_open(election=election, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "رأی‌گیری آغاز شد و به رأی‌دهندگان خبر داده شد.")
    return redirect("roundtables:election", pk=election.pk)


@login_required
@require_POST
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    election = permissions.get_election_or_404(request.user, pk)
    ranks: dict[int, int] = {}
    for candidate_id in election.candidates.values_list("pk", flat=True):
        raw = to_latin_digits(request.POST.get(f"rank_{candidate_id}", "")).strip()
        if raw:
            if not raw.isdigit() or len(raw) > 3:
                messages.error(request, "رتبه‌ها را با عدد بنویسید.")
                return redirect("roundtables:election", pk=election.pk)
            ranks[candidate_id] = int(raw)
    if len(set(ranks.values())) != len(ranks):
        messages.error(request, "به دو نامزد یک رتبه داده‌اید؛ هر رتبه را تنها یک بار بدهید.")
        return redirect("roundtables:election", pk=election.pk)
    ranking = sorted(ranks, key=lambda c: ranks[c])
    try:
        receipt = services.ballot_cast(election=election, ranking=ranking, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("roundtables:election", pk=election.pk)
    # The receipt is shown once, here; it is stored only with the (anonymous) ballot.
    return render(request, "roundtables/receipt.html", {"election": election, "receipt": receipt})


@login_required
@require_POST
def election_close(request: HttpRequest, pk: int) -> HttpResponse:
    election = permissions.get_election_or_404(request.user, pk, manage=True)
    try:
        services.election_close(
            election=election, by=request.user, without_winner=request.POST.get("without_winner") == "1"
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "انتخابات بسته و شمرده شد.")
    return redirect("roundtables:election", pk=election.pk)


def ballots_csv(request: HttpRequest, pk: int) -> HttpResponse:
    election = permissions.get_election_or_404(request.user, pk)
    if election.status != ElectionStatus.CLOSED:
        raise Http404
    response = HttpResponse(services.ballots_csv(election), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ballots-{election.pk}.csv"'
    return response
