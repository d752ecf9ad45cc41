"""Problem cores: problems from members or citizens' critiques, diagnosis, solutions, scores, the program, and
the opinion map."""

from __future__ import annotations

from typing import Any

import pytest

from hamafza.core.errors import DomainError, PermissionDenied, VersionConflict
from hamafza.programs.models import ProgramKind
from hamafza.roundtables import selectors, services
from hamafza.roundtables.models import ProblemSource, ProblemStatus
from tests.roundtables.conftest import fresh


@pytest.fixture
def problem(amol: Any) -> Any:
    return services.problem_create(
        table=amol.table,
        title="فصلی بودن گردشگری آمل",
        description="گردشگران تنها در تعطیلات نوروز و تابستان می‌آیند و اقامتگاه‌ها بقیه سال خالی‌اند.",
        by=fresh(amol.elite[0]),
    )


def test_members_raise_problems_and_outsiders_cannot(amol, problem):
    assert problem.source == ProblemSource.MEMBER and problem.status == ProblemStatus.OPEN
    with pytest.raises(PermissionDenied):
        services.problem_create(table=amol.table, title="ت", description="ش", by=fresh(amol.citizen))
    with pytest.raises(PermissionDenied):
        services.problem_create(table=amol.table, title="ت", description="ش", by=amol.babol_governor)


def test_a_problem_from_a_citizens_critique_links_the_comment(amol, grant):
    from hamafza.voice.models import Comment, CommentKind, CommentStatus, PageKind, PublicPage

    page = PublicPage.objects.create(
        organization=amol.municipality, kind=PageKind.OTHER, title="شهرداری آمل", url="/p/1", is_public=True
    )
    critique = Comment.objects.create(
        page=page, kind=CommentKind.CRITIQUE, text="پسماند ساحل رها شده است.", status=CommentStatus.PUBLISHED
    )
    problem = services.problem_create(
        table=amol.table, title="پسماند ساحلی", description="برگرفته از نظر مردم", critique=critique, by=amol.governor
    )
    assert problem.source == ProblemSource.CITIZEN and problem.critique_id == critique.pk
    held = Comment.objects.create(page=page, kind=CommentKind.CRITIQUE, text="نگه‌داشته", status=CommentStatus.PENDING)
    with pytest.raises(DomainError):
        services.problem_create(table=amol.table, title="ت", description="ش", critique=held, by=amol.governor)


def test_diagnosis_with_root_causes_and_a_stale_save_is_a_conflict(amol, problem):
    saved = services.diagnosis_save(
        problem=problem, diagnosis="نبود برنامه گردشگری چهارفصل", cause="نبود جاذبه زمستانی", evidence="آمار اقامت",
        version=problem.version, by=fresh(amol.elite[1]),
    )  # fmt: skip
    assert saved.status == ProblemStatus.DIAGNOSED and saved.root_causes.count() == 1
    with pytest.raises(VersionConflict):
        services.diagnosis_save(problem=problem, diagnosis="کهنه", version=problem.version, by=fresh(amol.elite[1]))


def test_scores_are_0_to_5_replaced_not_added_and_the_chosen_solution_becomes_a_program(amol, problem):
    winter = services.solution_add(problem=problem, title="جشنواره زمستانی", by=fresh(amol.elite[0]))
    other = services.solution_add(problem=problem, title="بسته سفر ارزان", by=fresh(amol.elite[1]))
    assert services.solution_add(problem=problem, title="جشنواره زمستانی", by=fresh(amol.elite[0])) == winter
    for user, score in zip(amol.elite[:3], (5, 4, 3), strict=True):
        services.solution_score(solution=winter, score=score, by=fresh(user))
    services.solution_score(solution=winter, score=2, by=fresh(amol.elite[2]))  # changes their mind
    services.solution_score(solution=other, score=1, by=fresh(amol.elite[0]))
    with pytest.raises(DomainError):
        services.solution_score(solution=other, score=6, by=fresh(amol.elite[0]))
    with pytest.raises(PermissionDenied):
        services.solution_score(solution=other, score=3, by=fresh(amol.citizen))
    rows = {s.pk: s for s in selectors.solutions_with_scores(problem)}
    assert rows[winter.pk].voters == 3 and float(rows[winter.pk].average) == pytest.approx(11 / 3)
    with pytest.raises(PermissionDenied):
        services.solution_choose(solution=winter, by=fresh(amol.elite[0]))
    chosen = services.solution_choose(solution=winter, milestones=["طراحی جشنواره", "", "برگزاری"], by=amol.governor)
    assert chosen.status == ProblemStatus.PROGRAMMED
    program = chosen.program
    assert program.kind == ProgramKind.CORE_EXECUTION and program.owner == amol.governorate
    assert list(program.milestones.values_list("title", flat=True)) == ["طراحی جشنواره", "برگزاری"]
    # A second click changes nothing.
    assert services.solution_choose(solution=winter, by=amol.governor).program_id == program.pk
    with pytest.raises(DomainError):
        services.solution_add(problem=chosen, title="دیرهنگام", by=fresh(amol.elite[0]))


def _vote_blocks(problem: Any, amol: Any, extra: list[Any]) -> None:
    """Two camps: the first three agree with statements 1–2 and disagree with 3–4; the other three the reverse.
    Everybody agrees with statement 5."""
    texts = ["الف", "ب", "پ", "ت", "همه موافق"]
    statements = [services.statement_add(problem=problem, text=t, by=fresh(amol.elite[0])) for t in texts]
    people = [*amol.elite[:5], *extra]
    for i, user in enumerate(people):
        camp = 1 if i < 3 else -1
        for j, s in enumerate(statements):
            value = 1 if j == 4 else (camp if j < 2 else -camp)
            services.statement_vote(statement=s, value=value, by=fresh(user))


def test_the_opinion_map_finds_the_two_camps_the_consensus_and_is_deterministic(amol, problem):
    with pytest.raises(DomainError, match="نخست صفحه عمومی"):
        services.problem_publish(problem=problem, by=amol.governor)
    services.table_publish(table=amol.table, by=amol.governor)
    services.problem_publish(problem=problem, by=amol.governor)
    # The published problem is a voice public page: citizens comment on it and find it by search.
    from hamafza.voice.models import PublicPage

    page = PublicPage.objects.get(object_id=str(problem.pk), url=f"/roundtables/problems/{problem.pk}/")
    assert page.is_public and page.organization == amol.governorate
    # A citizen takes part once the problem is published.
    _vote_blocks(problem, amol, [amol.citizen])
    first = selectors.problem_map(problem)
    assert first is not None and first.k == 2 and first.participants == 6
    assert sorted(g.size for g in first.groups) == [3, 3]
    assert [s.text for s, _ in first.consensus] == ["همه موافق"]
    assert {s.text for s in first.divisive} == {"الف", "ب", "پ", "ت"}
    again = selectors.problem_map(problem)
    assert again.points == first.points


def test_no_map_with_too_few_people_and_outsiders_cannot_vote_on_drafts(amol, problem):
    s1 = services.statement_add(problem=problem, text="گزاره یک", by=fresh(amol.elite[0]))
    services.statement_add(problem=problem, text="گزاره دو", by=fresh(amol.elite[0]))
    services.statement_vote(statement=s1, value=1, by=fresh(amol.elite[0]))
    assert selectors.problem_map(problem) is None
    with pytest.raises(PermissionDenied):
        services.statement_vote(statement=s1, value=1, by=fresh(amol.citizen))
    with pytest.raises(DomainError):
        services.statement_vote(statement=s1, value=7, by=fresh(amol.elite[0]))
