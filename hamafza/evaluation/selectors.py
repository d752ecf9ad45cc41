"""Reads for the evaluation pages; each declares its joins so list pages cost a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from hamafza.evaluation import permissions
from hamafza.evaluation.models import (
    Answer,
    AnswerSource,
    Assignment,
    ChecklistItem,
    Framework,
    Round,
    RoundState,
    RoundUnit,
)
from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.roles import roles_with
from hamafza.persian import search_key


def rounds_for_manager(user: Any) -> QuerySet[Round]:
    return (
        permissions.rounds_managed_by(user)
        .select_related("office", "framework_version__framework")
        .annotate(
            unit_count=_units_counted(RoundUnit.objects.all()),
            submitted_count=_units_counted(RoundUnit.objects.filter(self_submitted_at__isnull=False)),
        )
        .order_by("-created_at")
    )


def _units_counted(units: QuerySet[RoundUnit]) -> Coalesce:
    """A count per round as a correlated subquery that the (round, self_submitted_at) index answers alone, run
    only for the rounds on the page. A ``COUNT(DISTINCT)`` over the join grouped every unit of every round first
    (8 national rounds: 24,800 wide rows sorted on disk, 36–75 ms for the dashboard)."""
    counted = units.filter(round_id=OuterRef("pk")).order_by().values("round_id").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def round_units_for_self_assessment(user: Any) -> QuerySet[RoundUnit]:
    query = org_permissions.scope_q(user, "evaluation.self_assess", prefix="unit")
    if query is None:
        return RoundUnit.objects.none()
    return (
        RoundUnit.objects.filter(query)
        .exclude(round__state=RoundState.DRAFT)
        .select_related("round", "unit")
        .order_by("-round__created_at", "-round_id", "unit__sort_key", "id")
    )


def own_round_units(user: Any) -> QuerySet[RoundUnit]:
    """The units whose self-assessment a person fills as one of the unit's own people.

    A system administrator may fill any unit's form, but none is theirs: their dashboard listed 50 of every unit of
    every round under «ارزیابی واحد من», sorting all of them first (24,800 at national scale, 40–60 ms).
    """
    if not org_permissions.has_role(user, *roles_with("evaluation.self_assess")):
        return RoundUnit.objects.none()
    return round_units_for_self_assessment(user)


def assignments_of(user: Any) -> QuerySet[Assignment]:
    if not getattr(user, "is_authenticated", False):
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(inspector=user)
        .exclude(round_unit__round__state=RoundState.DRAFT)
        .select_related("round_unit__round", "round_unit__unit")
        .order_by("-round_unit__round__created_at")
    )


def published_rounds() -> QuerySet[Round]:
    return Round.objects.filter(state=RoundState.PUBLISHED).select_related("office").order_by("-published_at")


def frameworks_for(user: Any) -> QuerySet[Framework]:
    query = org_permissions.scope_q(user, "evaluation.manage", prefix="owner")
    if query is None:
        return Framework.objects.none()
    return Framework.objects.filter(query).select_related("owner").prefetch_related("versions").order_by("title")


def round_units_with_progress(round_: Round, q: str = "") -> QuerySet[RoundUnit]:
    """A round's units in Persian alphabetical order (``q``: those whose name holds it), with their inspectors.

    Their answer counts come from ``answer_counts`` for the page shown: counted here, a national round's 465,000
    answers were grouped on every view of its management page (1.7 s) to show 50 units."""
    units = round_.units.select_related("unit").prefetch_related("assignments__inspector")
    if q:
        units = units.filter(unit__name_key__contains=search_key(q))
    return units.order_by("unit__sort_key", "id")


def answer_counts(round_units: list[RoundUnit]) -> None:
    """Set ``self_answers`` and ``inspection_answers`` on each of ``round_units``: one grouped query for them."""
    counts = (
        Answer.objects.filter(round_unit__in=round_units)
        .values("round_unit_id", "source")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_unit: dict[tuple[int, str], int] = {(row["round_unit_id"], row["source"]): row["n"] for row in counts}
    for round_unit in round_units:
        round_unit.self_answers = by_unit.get((round_unit.pk, AnswerSource.SELF), 0)
        round_unit.inspection_answers = by_unit.get((round_unit.pk, AnswerSource.INSPECTION), 0)


def round_progress(round_: Round) -> dict[str, int]:
    """The round's units, those whose self-assessment is in and those in by its due date: one aggregate."""
    due = round_.self_assessment_due
    in_time = Q(self_submitted_at__isnull=False)
    if due is not None:
        tz = timezone.get_current_timezone()
        in_time &= Q(self_submitted_at__lt=dt.datetime.combine(due + dt.timedelta(days=1), dt.time.min, tzinfo=tz))
    return round_.units.aggregate(
        units=Count("id"),
        submitted=Count("id", filter=Q(self_submitted_at__isnull=False)),
        on_time=Count("id", filter=in_time),
    )


def checklist_with_answers(round_unit: RoundUnit, source: str, inspector: Any = None) -> list[dict[str, Any]]:
    """The framework tree of the round with this source's answers attached: [{axis, indicators: [{…, items}]}]."""
    items = list(
        ChecklistItem.objects.filter(version=round_unit.round.framework_version)
        .select_related("indicator__axis")
        .order_by("indicator__axis__order", "indicator__order", "order")
    )
    answers_qs = Answer.objects.filter(round_unit=round_unit, source=source)
    if inspector is not None:
        answers_qs = answers_qs.filter(inspector=inspector)
    answers = {a.item_id: a for a in answers_qs.select_related("objection")}
    tree: list[dict[str, Any]] = []
    for item in items:
        indicator, axis = item.indicator, item.indicator.axis
        if not tree or tree[-1]["axis"].pk != axis.pk:
            tree.append({"axis": axis, "indicators": []})
        indicators = tree[-1]["indicators"]
        if not indicators or indicators[-1]["indicator"].pk != indicator.pk:
            indicators.append({"indicator": indicator, "items": []})
        answer = answers.get(item.pk)
        if answer is not None:
            answer.item = item  # already loaded: spares a query per answer when it is displayed
        indicators[-1]["items"].append({"item": item, "answer": answer})
    return tree
