"""Problems, their diagnosis, solutions and scores, and the chosen solution's program."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from hamafza.core import public_pages
from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.persian import normalize, to_persian_digits
from hamafza.programs import services as program_services
from hamafza.programs.models import ProgramKind
from hamafza.roundtables import permissions
from hamafza.roundtables.models import (
    SCORE_MAX,
    Problem,
    ProblemSource,
    ProblemStatus,
    RootCause,
    Roundtable,
    Solution,
    SolutionScore,
)
from hamafza.roundtables.services.common import _ensure_manager, _ensure_worker, _problem_page
from hamafza.voice.models import Comment, CommentKind, CommentStatus


@transaction.atomic
def problem_create(
    *, table: Roundtable, title: str, description: str, by: Any, critique: Comment | None = None
) -> Problem:
    _ensure_worker(table, by)
    title, description = normalize(title), normalize(description, multiline=True)
    if not title or not description:
        raise DomainError("عنوان و شرح مسئله را بنویسید.")
    if critique is not None:
        if critique.kind != CommentKind.CRITIQUE or critique.status != CommentStatus.PUBLISHED:
            raise DomainError("تنها انتقادهای منتشرشده مردم به مسئله تبدیل می‌شوند.")
        if not critique.page.organization.path.startswith(table.organization.path):
            raise DomainError("این انتقاد به دستگاه‌های حوزه این میز مربوط نیست.")
    problem = Problem(
        table=table,
        title=title,
        description=description,
        source=ProblemSource.CITIZEN if critique else ProblemSource.MEMBER,
        critique=critique,
        raised_by=by if getattr(by, "pk", None) else None,
    )
    problem.fill_keys()
    problem.save()
    audit(actor=by, action="roundtables.problem.created", target=problem, data={"source": problem.source})
    return problem


@transaction.atomic
def diagnosis_save(
    *, problem: Problem, diagnosis: str, version: int, by: Any, cause: str = "", evidence: str = ""
) -> Problem:
    _ensure_worker(problem.table, by)
    locked = Problem.objects.select_for_update().get(pk=problem.pk)
    if locked.version != version:
        raise VersionConflict()
    locked.diagnosis = normalize(diagnosis, multiline=True)
    cause = normalize(cause)
    if cause:
        RootCause.objects.create(
            problem=locked,
            text=cause[:300],
            evidence=normalize(evidence, multiline=True),
            added_by=by if getattr(by, "pk", None) else None,
        )
    if locked.status == ProblemStatus.OPEN and (locked.diagnosis or cause):
        locked.status = ProblemStatus.DIAGNOSED
    locked.version += 1
    locked.save(update_fields=["diagnosis", "status", "version", "updated_at"])
    audit(actor=by, action="roundtables.problem.diagnosed", target=locked, data={"cause": cause})
    return locked


@transaction.atomic
def problem_publish(*, problem: Problem, by: Any, public: bool = True) -> Problem:
    """Publish a problem (its table must be public): it gets a voice public page, so citizens comment on it and
    find it by search; unpublishing takes the page down with it."""
    _ensure_manager(problem.table, by)
    if public and not problem.table.is_published:
        raise DomainError("نخست صفحه عمومی این میز را منتشر کنید؛ مسئله‌های میزِ منتشرنشده دیده نمی‌شوند.")
    problem.is_public = public
    problem.published_at = timezone.now() if public else None
    problem.version += 1
    problem.save(update_fields=["is_public", "published_at", "version", "updated_at"])
    public_pages.announce([_problem_page(problem, problem.table)])
    audit(
        actor=by,
        action="roundtables.problem.published" if public else "roundtables.problem.unpublished",
        target=problem,
    )
    return problem


@transaction.atomic
def solution_add(*, problem: Problem, title: str, by: Any, description: str = "") -> Solution:
    _ensure_worker(problem.table, by)
    title = normalize(title)
    if not title:
        raise DomainError("عنوان راهکار را بنویسید.")
    if problem.program_id:
        raise DomainError("راهکار این مسئله برگزیده و به برنامه تبدیل شده است.")
    existing = problem.solutions.filter(title=title).first()
    if existing is not None:
        return existing
    solution = Solution.objects.create(
        problem=problem,
        title=title[:300],
        description=normalize(description, multiline=True),
        proposed_by=by if getattr(by, "pk", None) else None,
    )
    audit(actor=by, action="roundtables.solution.added", target=problem, data={"title": solution.title})
    return solution


@transaction.atomic
def solution_score(*, solution: Solution, score: int, by: Any) -> SolutionScore:
    table = solution.problem.table
    if not (permissions.is_member(by, table) or permissions.can_manage(by, table)):
        raise PermissionDenied("امتیاز راهکارها را اعضای میز می‌دهند.")
    if not 0 <= score <= SCORE_MAX:
        raise DomainError(f"امتیاز باید از ۰ تا {to_persian_digits(SCORE_MAX)} باشد.")
    row, _ = SolutionScore.objects.update_or_create(solution=solution, user=by, defaults={"score": score})
    audit(
        actor=by,
        action="roundtables.solution.scored",
        target=solution.problem,
        data={"solution": solution.title, "score": score},
    )
    return row


@transaction.atomic
def solution_choose(*, solution: Solution, by: Any, milestones: Sequence[str] = ()) -> Problem:
    """The chosen solution becomes an execution program (``programs``) of the table's organization."""
    problem = Problem.objects.select_for_update().select_related("table__organization").get(pk=solution.problem_id)
    _ensure_manager(problem.table, by)
    if problem.program_id:
        return problem  # already chosen: a double submit is harmless
    program = program_services.program_create(
        owner=problem.table.organization,
        title=f"{solution.title} ({problem.table.title})"[:300],
        kind=ProgramKind.CORE_EXECUTION,
        goals=f"{problem.title}\n{solution.description}".strip(),
        challenge=problem.title[:200],
        county=problem.table.organization.county,
        province=problem.table.organization.province,
        by=by,
    )
    for title in milestones:
        if normalize(title):
            program_services.milestone_add(program=program, title=title, by=by)
    Solution.objects.filter(pk=solution.pk).update(is_chosen=True)
    problem.program = program
    problem.status = ProblemStatus.PROGRAMMED
    problem.version += 1
    problem.save(update_fields=["program", "status", "version", "updated_at"])
    audit(actor=by, action="roundtables.solution.chosen", target=problem, data={"solution": solution.title})
    return problem
