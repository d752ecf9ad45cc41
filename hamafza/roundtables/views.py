"""Roundtable pages: tables, members, meetings, chair elections, problem cores and their opinion maps."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError, VersionConflict
from hamafza.engagement import permissions as engagement_permissions
from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.models import Organization, RoleGrant
from hamafza.persian import normalize_mobile, to_latin_digits
from hamafza.programs import permissions as program_permissions
from hamafza.roundtables import permissions, selectors, services
from hamafza.roundtables.forms import (
    ChooseForm,
    DiagnosisForm,
    ElectionForm,
    InviteForm,
    MeetingForm,
    ProblemForm,
    RemoveMemberForm,
    ScoreForm,
    SolutionForm,
    StatementDecisionForm,
    StatementForm,
    TableEditForm,
    TableForm,
)
from hamafza.roundtables.models import (
    STATEMENT_LIMIT,
    ElectionStatus,
    Membership,
    MembershipStatus,
    Roundtable,
    Stance,
    Voter,
)
from hamafza.voice.models import Comment, CommentKind, CommentStatus


def _errors(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- Tables ---------------------------------------------------------------------------------------------------


@login_required
def table_list(request: HttpRequest) -> HttpResponse:
    if not permissions.uses_roundtables(request.user) and not permissions.can_create_tables(request.user):
        raise Http404
    q = request.GET.get("q", "")
    page = Paginator(selectors.table_list(request.user, q=q), settings.HAMAFZA_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    invitations = list(
        Membership.objects.filter(user=request.user, status=MembershipStatus.INVITED).select_related("table")[:20]
    )
    ballots = list(
        Voter.objects.filter(user=request.user, has_voted=False, election__status=ElectionStatus.VOTING).select_related(
            "election__table"
        )[:20]
    )
    return render(
        request,
        "roundtables/table_list.html",
        {
            "page": page,
            "q": q,
            "query": _query_without_page(request),
            "invitations": invitations,
            "ballots": ballots,
            "can_create": permissions.can_create_tables(request.user),
        },
    )


def public_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.published_tables(), settings.HAMAFZA_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "roundtables/public_list.html", {"page": page, "query": ""})


def _secretaries(user: Any, organizations: Any) -> Any:
    """The governorates' people who may act as a table's secretary (the service checks the chosen one again)."""
    grants = RoleGrant.objects.filter(role="governor", organization__in=organizations)
    return (
        get_user_model()
        .objects.filter(Q(pk__in=grants.values("user_id")) | Q(pk=user.pk), is_active=True)
        .order_by("last_name", "first_name")
    )


@login_required
def table_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_tables(request.user):
        raise Http404
    organizations = org_permissions.organizations_where(request.user, permissions.MANAGE).order_by("sort_key")
    form = TableForm(
        request.POST or None, organizations=organizations, secretaries=_secretaries(request.user, organizations)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            table = services.table_create(
                organization=data["organization"],
                title=data["title"],
                domain=data["domain"],
                secretary=data["secretary"],
                description=data["description"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "میز تشکیل شد. اکنون اعضا را دعوت کنید.")
            return redirect("roundtables:detail", pk=table.pk)
    return render(request, "roundtables/table_form.html", {"form": form})


@login_required
def table_edit(request: HttpRequest, pk: int) -> HttpResponse:
    table = permissions.get_table_or_404(request.user, pk, manage=True)
    # The governorates this person manages, and the table's own (its secretary may manage only the table).
    managed = org_permissions.organizations_where(request.user, permissions.MANAGE).values("pk")
    organizations = Organization.objects.filter(Q(pk__in=managed) | Q(pk=table.organization_id)).order_by("sort_key")
    grants = RoleGrant.objects.filter(role="governor", organization__in=organizations)
    secretaries = (
        get_user_model()
        .objects.filter(Q(pk__in=grants.values("user_id")) | Q(pk=request.user.pk) | Q(pk=table.secretary_id))
        .filter(is_active=True)
        .order_by("last_name", "first_name")
    )
    initial = {
        "organization": table.organization_id,
        "title": table.title,
        "domain": table.domain,
        "secretary": table.secretary_id,
        "description": table.description,
        "version": table.version,
    }
    form = TableEditForm(request.POST or None, initial=initial, organizations=organizations, secretaries=secretaries)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.table_update(
                table=table,
                version=data["version"],
                title=data["title"],
                domain=data["domain"],
                description=data["description"],
                organization=data["organization"],
                secretary=data["secretary"],
                by=request.user,
            )
        except VersionConflict as error:
            form.add_error(None, error.message)
            status = 409
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "تغییرات میز ذخیره شد.")
            # The editor may have handed the table to another governorate or secretary and lost it.
            table = Roundtable.objects.select_related("organization").get(pk=table.pk)
            permissions.forget(request.user)
            if permissions.can_view_table(request.user, table):
                return redirect("roundtables:detail", pk=table.pk)
            return redirect("roundtables:list")
    return render(request, "roundtables/table_form.html", {"form": form, "table": table}, status=status)


def table_detail(request: HttpRequest, pk: int) -> HttpResponse:
    table = permissions.get_table_or_404(request.user, pk)
    can_manage = permissions.can_manage(request.user, table)
    mine = permissions.membership(request.user, table)
    inside = can_manage or mine is not None
    meetings = (
        list(table.meetings.select_related("activity").prefetch_related("activity__action_items__owner")[:20])
        if inside
        else []
    )
    elections = list(selectors.elections_of(request.user, table)[:20])
    return render(
        request,
        "roundtables/table_detail.html",
        {
            "table": table,
            "can_manage": can_manage,
            "can_work": permissions.can_work_on(request.user, table),
            "mine": mine,
            "inside": inside,
            "members": list(selectors.members_of(table, removed=can_manage)) if inside else [],
            "public_members": []
            if inside
            else list(selectors.members_of(table).filter(status=MembershipStatus.ACCEPTED)),
            "meetings": meetings,
            "elections": elections,
            "problems": list(selectors.problems_of(request.user, table)[:50]),
            "terms": list(table.chair_terms.select_related("user")[:5]),
            "can_open_activity": engagement_permissions.can_act_for(request.user, table.organization),
            "invite_form": InviteForm() if can_manage else None,
            "meeting_form": MeetingForm() if can_manage else None,
            "election_form": ElectionForm() if can_manage else None,
            "voting_elections": [e for e in elections if e.status == ElectionStatus.VOTING] if can_manage else [],
        },
    )


@login_required
@require_POST
def table_publish(request: HttpRequest, pk: int) -> HttpResponse:
    table = permissions.get_table_or_404(request.user, pk, manage=True)
    public = request.POST.get("action") != "unpublish"
    services.table_publish(table=table, by=request.user, public=public)
    messages.success(request, "صفحه عمومی میز منتشر شد." if public else "میز از دید عموم برداشته شد.")
    return redirect("roundtables:detail", pk=table.pk)


def _find_user(identity: str) -> Any:
    users = get_user_model().objects
    text = to_latin_digits(identity.strip())
    try:
        mobile = normalize_mobile(text)
    except Exception:  # not a mobile number: a username
        mobile = None
    query = Q(username=text)
    if mobile:
        query |= Q(mobile=mobile)
    return users.filter(query, is_active=True).first()


@login_required
@require_POST
def member_invite(request: HttpRequest, pk: int) -> HttpResponse:
    table = permissions.get_table_or_404(request.user, pk, manage=True)
    form = InviteForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("roundtables:detail", pk=table.pk)
    user = _find_user(form.cleaned_data["username"])
    if user is None:
        messages.error(request, "کاربری با این نام کاربری یا شماره همراه پیدا نشد.")
        return redirect("roundtables:detail", pk=table.pk)
    try:
        services.member_invite(
            table=table,
            user=user,
            category=form.cleaned_data["category"],
            is_elite=form.cleaned_data["is_elite"],
            by=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "دعوت فرستاده شد.")
    return redirect("roundtables:detail", pk=table.pk)


@login_required
@require_POST
def invitation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    membership = Membership.objects.select_related("table").filter(pk=pk, user=request.user).first()
    if membership is None:
        raise Http404
    accept = request.POST.get("answer") == "accept"
    services.invitation_respond(membership=membership, accept=accept, by=request.user)
    messages.success(request, "به جمع اعضای میز پیوستید." if accept else "پاسخ شما ثبت شد.")
    if accept:
        return redirect("roundtables:detail", pk=membership.table_id)
    return redirect("roundtables:list")


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = Membership.objects.select_related("table__organization").filter(pk=pk).first()
    if membership is None or not permissions.can_manage(request.user, membership.table):
        raise Http404
    form = RemoveMemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, "دلیل کنار گذاشتن عضو را بنویسید (حداکثر ۵۰۰ نویسه).")
        return redirect("roundtables:detail", pk=membership.table_id)
    try:
        services.member_remove(membership=membership, reason=form.cleaned_data["reason"], by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "عضو از میز کنار گذاشته شد و به او خبر داده شد.")
    return redirect("roundtables:detail", pk=membership.table_id)


@login_required
@require_POST
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    table = permissions.get_table_or_404(request.user, pk, manage=True)
    form = MeetingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_add(
                table=table,
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                agenda=data["agenda"],
                by=request.user,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "نشست ثبت شد؛ صورت‌جلسه و مصوبه‌ها را در صفحه نشست بنویسید.")
    else:
        _errors(request, form)
    return redirect("roundtables:detail", pk=table.pk)


# --- Elections ----------------------------------------------------------------------------------------------


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


# --- Problems -------------------------------------------------------------------------------------------------


def _critiques(table: Any) -> Any:
    return (
        Comment.objects.filter(
            kind=CommentKind.CRITIQUE,
            status=CommentStatus.PUBLISHED,
            page__organization__path__startswith=table.organization.path,
        )
        .select_related("page")
        .order_by("-created_at")[:50]
    )


@login_required
def problem_create(request: HttpRequest, pk: int) -> HttpResponse:
    table = permissions.get_table_or_404(request.user, pk)
    if not permissions.can_work_on(request.user, table):
        raise Http404
    critiques = Comment.objects.filter(pk__in=[c.pk for c in _critiques(table)]).select_related("page")
    form = ProblemForm(request.POST or None, critiques=critiques)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            problem = services.problem_create(
                table=table,
                title=data["title"],
                description=data["description"],
                critique=data["critique"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "مسئله ثبت شد. ریشه‌ها و راهکارها را بیفزایید.")
            return redirect("roundtables:problem", pk=problem.pk)
    return render(request, "roundtables/problem_form.html", {"form": form, "table": table})


def problem_detail(request: HttpRequest, pk: int) -> HttpResponse:
    problem = permissions.get_problem_or_404(request.user, pk)
    table = problem.table
    can_work = permissions.can_work_on(request.user, table)
    can_manage = permissions.can_manage(request.user, table)
    can_score = can_work and not problem.program_id
    stances = selectors.my_stances(request.user, problem)
    statements = selectors.statements_with_counts(problem)
    return render(
        request,
        "roundtables/problem_detail.html",
        {
            "problem": problem,
            "table": table,
            "can_work": can_work,
            "can_manage": can_manage,
            "can_score": can_score,
            "comments_page": _public_page(problem),
            "program_visible": problem.program is not None
            and program_permissions.can_view_program(request.user, problem.program),
            "causes": list(problem.root_causes.all()),
            "solutions": selectors.solutions_with_scores(problem),
            "my_scores": selectors.my_scores(request.user, problem),
            "score_range": range(0, 6),
            "statements": [(s, stances.get(s.pk)) for s in statements],
            "can_vote": request.user.is_authenticated,
            "stances": Stance.choices,
            "diagnosis_form": DiagnosisForm(initial={"version": problem.version, "diagnosis": problem.diagnosis})
            if can_work
            else None,
            "solution_form": SolutionForm() if can_work and not problem.program_id else None,
            "choose_form": ChooseForm() if can_manage and not problem.program_id else None,
            "statement_form": StatementForm() if permissions.can_propose_statement(request.user, problem) else None,
            "to_review": selectors.statements_to_review(request.user, problem),
            "my_proposals": [] if can_work else selectors.my_proposals(request.user, problem),
            "statement_limit": STATEMENT_LIMIT,
        },
    )


def _public_page(problem: Any) -> Any:
    """The voice page a published problem takes citizens' comments on (none while it is a draft)."""
    if not problem.is_published:
        return None
    from django.contrib.contenttypes.models import ContentType

    from hamafza.voice.models import PublicPage

    return PublicPage.objects.filter(
        content_type=ContentType.objects.get_for_model(problem), object_id=str(problem.pk), is_public=True
    ).first()


@login_required
@require_POST
def diagnosis_save(request: HttpRequest, pk: int) -> HttpResponse:
    problem = permissions.get_problem_or_404(request.user, pk, work=True)
    form = DiagnosisForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("roundtables:problem", pk=problem.pk)
    data = form.cleaned_data
    try:
        services.diagnosis_save(
            problem=problem,
            diagnosis=data["diagnosis"],
            cause=data["cause"],
            evidence=data["evidence"],
            version=data["version"],
            by=request.user,
        )
    except VersionConflict as error:
        return render(request, "roundtables/conflict.html", {"problem": problem, "message": error.message}, status=409)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "آسیب‌شناسی ذخیره شد.")
    return redirect("roundtables:problem", pk=problem.pk)


@login_required
@require_POST
def problem_publish(request: HttpRequest, pk: int) -> HttpResponse:
    problem = permissions.get_problem_or_404(request.user, pk)
    if not permissions.can_manage(request.user, problem.table):
        raise Http404
    public = request.POST.get("action") != "unpublish"
    try:
        services.problem_publish(problem=problem, by=request.user, public=public)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "مسئله منتشر شد." if public else "مسئله از دید عموم برداشته شد.")
    return redirect("roundtables:problem", pk=problem.pk)


@login_required
@require_POST
def solution_add(request: HttpRequest, pk: int) -> HttpResponse:
    problem = permissions.get_problem_or_404(request.user, pk, work=True)
    form = SolutionForm(request.POST)
    if form.is_valid():
        try:
            services.solution_add(
                problem=problem,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                by=request.user,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "راهکار ثبت شد.")
    else:
        _errors(request, form)
    return redirect("roundtables:problem", pk=problem.pk)


@login_required
@require_POST
def solution_score(request: HttpRequest, pk: int) -> HttpResponse:
    solution = permissions.get_solution_or_404(request.user, pk)
    form = ScoreForm(request.POST)
    if not form.is_valid():
        messages.error(request, "امتیاز را عددی از ۰ تا ۵ بدهید.")
        return redirect("roundtables:problem", pk=solution.problem_id)
    try:
        services.solution_score(solution=solution, score=form.cleaned_data["score"], by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "امتیاز شما ثبت شد.")
    return redirect("roundtables:problem", pk=solution.problem_id)


@login_required
@require_POST
def solution_choose(request: HttpRequest, pk: int) -> HttpResponse:
    solution = permissions.get_solution_or_404(request.user, pk)
    if not permissions.can_manage(request.user, solution.problem.table):
        raise Http404
    form = ChooseForm(request.POST)
    milestones = form.cleaned_data["milestones"].splitlines() if form.is_valid() else []
    try:
        problem = services.solution_choose(solution=solution, milestones=milestones, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("roundtables:problem", pk=solution.problem_id)
    messages.success(request, "راهکار برگزیده شد و برنامه اجرایی آن ساخته شد.")
    return redirect("roundtables:problem", pk=problem.pk)


@login_required
@require_POST
def statement_add(request: HttpRequest, pk: int) -> HttpResponse:
    problem = permissions.get_problem_or_404(request.user, pk)
    form = StatementForm(request.POST)
    if form.is_valid():
        try:
            statement = services.statement_add(problem=problem, text=form.cleaned_data["text"], by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            if statement.is_approved:
                messages.success(request, "گزاره افزوده شد.")
            else:
                messages.success(request, "گزاره شما ثبت شد و پس از تأیید دبیر میز، دیگران درباره آن موضع می‌گیرند.")
    else:
        _errors(request, form)
    return redirect("roundtables:problem", pk=problem.pk)


@login_required
@require_POST
def statement_decide(request: HttpRequest, pk: int) -> HttpResponse:
    statement = permissions.get_statement_or_404(request.user, pk, review=True)
    form = StatementDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "تأیید یا رد گزاره را انتخاب کنید.")
        return redirect("roundtables:problem", pk=statement.problem_id)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.statement_decide(statement=statement, approve=approve, note=form.cleaned_data["note"], by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "گزاره تأیید شد و به نقشه نظرها افزوده شد." if approve else "گزاره رد شد.")
    return redirect("roundtables:problem", pk=statement.problem_id)


@login_required
@require_POST
def statement_vote(request: HttpRequest, pk: int) -> HttpResponse:
    statement = permissions.get_statement_or_404(request.user, pk)
    raw = to_latin_digits(request.POST.get("value", "")).strip()[:3]
    try:
        value = int(raw)
        services.statement_vote(statement=statement, value=value, by=request.user)
    except ValueError:
        messages.error(request, "موضع خود را انتخاب کنید.")
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "موضع شما ثبت شد.")
    return redirect("roundtables:problem", pk=statement.problem_id)


def opinion_map(request: HttpRequest, pk: int) -> HttpResponse:
    problem = permissions.get_problem_or_404(request.user, pk)
    result = selectors.problem_map(problem)
    return render(
        request,
        "roundtables/opinion_map.html",
        {
            "problem": problem,
            "table": problem.table,
            "map": result,
            "chart": {"points": result.points, "k": result.k} if result else None,
            "minimum": selectors.MIN_PARTICIPANTS,
        },
    )
