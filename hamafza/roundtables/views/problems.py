"""Pages of problems: diagnosis, solutions and scores, the opinion map."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hamafza.core.errors import DomainError, VersionConflict
from hamafza.persian import to_latin_digits
from hamafza.programs import permissions as program_permissions
from hamafza.roundtables import permissions, selectors, services
from hamafza.roundtables.forms import (
    ChooseForm,
    DiagnosisForm,
    ProblemForm,
    ScoreForm,
    SolutionForm,
    StatementDecisionForm,
    StatementForm,
)
from hamafza.roundtables.models import (
    STATEMENT_LIMIT,
    Stance,
)
from hamafza.roundtables.views.common import _errors
from hamafza.voice.models import Comment, CommentKind, CommentStatus


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
