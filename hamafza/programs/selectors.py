"""Reads of programs: progress rolled up by weight in SQL, lists with their joins declared."""

from __future__ import annotations

import datetime as dt
import operator
from functools import reduce
from typing import Any

from django.db.models import Count, ExpressionWrapper, F, FloatField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from hamafza.persian import query_plan
from hamafza.programs.models import Milestone, MilestoneStatus, Program
from hamafza.programs.permissions import PUBLISHED, programs_visible_to


def with_progress(programs: QuerySet[Program], *, today: dt.date | None = None) -> QuerySet[Program]:
    """Annotate ``progress_percent`` (Σ weight·progress / Σ weight, 0 without milestones) and milestone counts.

    Computed from the milestones in the same query, so it can never disagree with them: nothing is stored.
    """
    weighted = Sum(ExpressionWrapper(F("milestones__weight") * F("milestones__progress"), output_field=FloatField()))
    total = Sum(ExpressionWrapper(F("milestones__weight") * Value(1.0), output_field=FloatField()))
    programs = programs.annotate(
        weighted_sum=Coalesce(weighted, Value(0.0)),
        weight_sum=Coalesce(total, Value(0.0)),
        milestone_count=Count("milestones"),
    )
    if today is not None:
        programs = programs.annotate(
            overdue_count=Count("milestones", filter=Q(milestones__due_date__lt=today, milestones__progress__lt=100))
        )
    return programs


def progress_of(program: Any) -> float:
    """The rolled-up percentage of an annotated program (see ``with_progress``)."""
    weight = getattr(program, "weight_sum", 0) or 0
    return round(float(program.weighted_sum) / float(weight), 1) if weight else 0.0


def matching(programs: QuerySet[Program], q: str) -> QuerySet[Program]:
    """Programs whose title, challenge or goals match ``q`` under the Persian analyzer, as voice's search does:
    ZWNJ/space/joined spellings, plural and suffix forms, letter and digit variants; the last word may be
    unfinished. Every reading of the query (``query_plan``) is an OR of ANDs of LIKEs on ``search_terms``."""
    plan = query_plan(q, prefix=True)
    if plan.is_empty:
        return programs

    def term_q(term: str) -> Q:
        return Q(search_terms__contains=f" {term[:-1]}" if term.endswith("*") else f" {term} ")

    readings = [
        reduce(operator.and_, (reduce(operator.or_, map(term_q, slot)) for slot in alternative))
        for alternative in plan.alternatives
    ]
    return programs.filter(reduce(operator.or_, readings))


def program_list(
    user: Any,
    *,
    kind: str = "",
    status: str = "",
    q: str = "",
    owner_id: int | None = None,
    today: dt.date | None = None,
    late_only: bool = False,
) -> QuerySet[Program]:
    programs = programs_visible_to(user)
    if late_only and today is not None:
        late = overdue_milestones(today=today).values("program_id")
        programs = programs.filter(pk__in=late)
    if kind:
        programs = programs.filter(kind=kind)
    if status:
        programs = programs.filter(status=status)
    if owner_id:
        programs = programs.filter(owner_id=owner_id)
    if q.strip():
        programs = matching(programs, q)
    return with_progress(programs, today=today).select_related("owner", "province", "county").order_by("sort_key", "id")


def published_programs(*, kind: str = "", q: str = "") -> QuerySet[Program]:
    programs = Program.objects.filter(PUBLISHED)
    if kind:
        programs = programs.filter(kind=kind)
    if q.strip():
        programs = matching(programs, q)
    return with_progress(programs).select_related("owner", "province", "county").order_by("-published_at", "id")


def program_with_progress(program: Program) -> Program:
    return with_progress(Program.objects.filter(pk=program.pk)).select_related("owner", "province", "county").get()


def milestones_of(program: Program) -> QuerySet[Milestone]:
    return program.milestones.order_by("order", "id")


def overdue_milestones(*, today: dt.date, owner_ids: Any = None) -> QuerySet[Milestone]:
    """Open milestones past their due date (of active programs), earliest first."""
    milestones = Milestone.objects.filter(due_date__lt=today, progress__lt=100, program__status="active").exclude(
        status=MilestoneStatus.DONE
    )
    if owner_ids is not None:
        milestones = milestones.filter(program__owner_id__in=owner_ids)
    return milestones.select_related("program__owner").order_by("due_date", "id")
