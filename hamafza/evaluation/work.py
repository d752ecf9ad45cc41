"""What evaluation puts on a person's «کارهای من» and on the public portal.

Registered from ``EvaluationConfig.ready``. Every item counts what waits for *this* person and links to a
page that opens for them; an empty count is dropped by ``hamafza.core.work``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Min, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from hamafza.core.work import WorkItem
from hamafza.evaluation import selectors
from hamafza.evaluation.models import (
    ActionStatus,
    Answer,
    AnswerSource,
    Assignment,
    CorrectiveAction,
    Objection,
    ObjectionDecision,
    ReviewStatus,
    Round,
    RoundState,
    RoundUnit,
)
from hamafza.organizations import permissions as org_permissions
from hamafza.persian import to_persian_digits

GROUP = "ارزیابی عملکرد"
OPEN_ACTION_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.CONSTRAINED)
# States in which a round's office has a next step to take (advance, review, decide, publish).
RUNNING_STATES = (
    RoundState.DRAFT,
    RoundState.SELF_ASSESSMENT,
    RoundState.FIELD_INSPECTION,
    RoundState.REVIEW,
    RoundState.OBJECTION,
    RoundState.FINALIZED,
)


def self_assessment_work(user: Any) -> Iterator[WorkItem]:
    """Units whose self-assessment this person fills, and answers the office sent back to fix."""
    own = selectors.own_round_units(user)
    waiting = list(own.filter(round__state=RoundState.SELF_ASSESSMENT, self_submitted_at__isnull=True))
    today = timezone.localdate()
    for round_unit in waiting[:5]:
        due = round_unit.round.self_assessment_due
        yield WorkItem(
            label=f"خوداظهاری {round_unit.unit.name} در {round_unit.round.title}",
            count=1,
            url=reverse("evaluation:self_assessment", args=[round_unit.pk]),
            due_at=due,
            is_overdue=due is not None and due < today,
            icon="pencil-square",
            group=GROUP,
        )
    returned = (
        Answer.objects.filter(
            round_unit__in=own.filter(round__state__in=(RoundState.SELF_ASSESSMENT, RoundState.REVIEW)),
            source=AnswerSource.SELF,
            review_status=ReviewStatus.RETURNED,
        )
        .values("round_unit", "round_unit__unit__name")
        .annotate(count=Count("id"))
        .order_by("round_unit")
    )
    for row in returned[:5]:
        yield WorkItem(
            label=f"پاسخ‌های بازگشتی برای اصلاح — {row['round_unit__unit__name']}",
            count=row["count"],
            url=reverse("evaluation:self_assessment", args=[row["round_unit"]]),
            icon="arrow-return-right",
            group=GROUP,
        )


def inspection_work(user: Any) -> Iterator[WorkItem]:
    """Field inspections assigned to this person and not yet sent, with how many answers are in."""
    assignments = list(
        Assignment.objects.filter(
            inspector=user,
            round_unit__round__state=RoundState.FIELD_INSPECTION,
            round_unit__inspection_submitted_at__isnull=True,
        )
        .select_related("round_unit__round", "round_unit__unit", "round_unit__round__framework_version")
        .annotate(
            answered=Count(
                "round_unit__answers",
                filter=Q(round_unit__answers__source=AnswerSource.INSPECTION, round_unit__answers__inspector=user),
                distinct=True,
            )
        )
        .order_by("round_unit__unit__sort_key")[:10]
    )
    if not assignments:
        return
    totals = dict(
        Round.objects.filter(pk__in={a.round_unit.round_id for a in assignments})
        .annotate(items=Count("framework_version__items"))
        .values_list("pk", "items")
    )
    today = timezone.localdate()
    for assignment in assignments:
        round_unit = assignment.round_unit
        due = round_unit.round.inspection_ends
        total = totals.get(round_unit.round_id, 0)
        yield WorkItem(
            label=(
                f"بازدید {round_unit.unit.name} — {to_persian_digits(assignment.answered)} از "
                f"{to_persian_digits(total)} پاسخ"
            ),
            count=1,
            url=reverse("evaluation:inspect", args=[round_unit.pk]),
            due_at=due,
            is_overdue=due is not None and due < today,
            icon="clipboard-check",
            group=GROUP,
        )


def office_work(user: Any) -> Iterator[WorkItem]:
    """Rounds the evaluation office runs, and objections that wait for its decision."""
    if not org_permissions.can_anywhere(user, "evaluation.manage"):
        return
    rounds = selectors.rounds_for_manager(user).filter(state__in=RUNNING_STATES)
    for round_ in rounds[:5]:
        yield WorkItem(
            label=f"اداره {round_.title} ({round_.get_state_display()})",
            count=1,
            url=reverse("evaluation:round_manage", args=[round_.pk]),
            due_at=_next_deadline(round_),
            icon="kanban",
            group=GROUP,
        )
    scope = org_permissions.scope_q(user, "evaluation.manage", prefix="answer__round_unit__round__office")
    pending = (
        Objection.objects.filter(scope, decision=ObjectionDecision.PENDING)
        .values("answer__round_unit", "answer__round_unit__unit__name")
        .annotate(count=Count("id"))
        .order_by("answer__round_unit__unit__sort_key")
    )
    for row in pending[:5]:
        yield WorkItem(
            label=f"اعتراض‌های منتظر تصمیم — {row['answer__round_unit__unit__name']}",
            count=row["count"],
            url=reverse("evaluation:review", args=[row["answer__round_unit"]]),
            icon="hand-thumbs-down",
            group=GROUP,
        )


def _next_deadline(round_: Round) -> Any:
    return {
        RoundState.SELF_ASSESSMENT: round_.self_assessment_due,
        RoundState.FIELD_INSPECTION: round_.inspection_ends,
        RoundState.OBJECTION: round_.objection_due,
    }.get(round_.state)


def overdue_actions_work(user: Any) -> Iterator[WorkItem]:
    """Corrective actions past their due date: the person's own, and those of units they answer for."""
    today = timezone.localdate()
    overdue = CorrectiveAction.objects.filter(due_date__lt=today, status__in=OPEN_ACTION_STATUSES)
    scopes = [
        q
        for q in (
            org_permissions.scope_q(user, "evaluation.self_assess", prefix="owner_organization"),
            org_permissions.scope_q(user, "evaluation.manage", prefix="root_cause__finding__round_unit__round__office"),
        )
        if q is not None
    ]
    if not scopes:
        return
    query = scopes[0]
    for extra in scopes[1:]:
        query |= extra
    summary = overdue.filter(query).aggregate(count=Count("id"), oldest=Min("due_date"))
    yield WorkItem(
        label="اقدام‌های اصلاحی عقب‌افتاده",
        count=summary["count"],
        url=reverse("evaluation:actions") + "?status=overdue",
        due_at=summary["oldest"],
        is_overdue=True,
        icon="exclamation-triangle",
        group=GROUP,
    )


def unit_results_work(user: Any) -> Iterator[WorkItem]:
    """A governor or a unit manager follows the published results of the units they oversee."""
    scope = org_permissions.scope_q(user, "evaluation.view_own", prefix="unit")
    if scope is None or org_permissions.can_anywhere(user, "evaluation.manage"):
        return
    latest = (
        RoundUnit.objects.filter(scope, round__state=RoundState.PUBLISHED)
        .select_related("round", "unit")
        .order_by("-round__published_at", "unit__sort_key")
        .first()
    )
    if latest is not None:
        yield WorkItem(
            label=f"کارنامه {latest.unit.name} در {latest.round.title}",
            count=1,
            url=reverse("evaluation:unit_results", args=[latest.pk]),
            icon="bar-chart",
            group=GROUP,
        )


# --- The public portal -------------------------------------------------------------------------------------


def portal_results(request: HttpRequest) -> dict[str, Any] | None:
    """The latest published round of each framework, with its top and bottom units.

    Published rounds never change, so the blocks are cached under a key that only a new publication moves (the
    latest publication time and the number of published rounds): one query on a warm cache, and on a cold one
    three per framework (the count, the top three, the bottom three) however many units a round has."""
    stamp = Round.objects.filter(state=RoundState.PUBLISHED).aggregate(latest=Max("published_at"), n=Count("id"))
    if not stamp["n"]:
        return None
    key = f"evaluation:portal:{stamp['latest'].timestamp() if stamp['latest'] else 0:.0f}:{stamp['n']}"
    blocks = cache.get(key)
    if blocks is None:
        blocks = _portal_blocks()
        cache.set(key, blocks, 24 * 3600)
    return {"blocks": blocks} if blocks else None


def _portal_blocks() -> list[dict[str, Any]]:
    latest: dict[int, Round] = {}
    for round_ in selectors.published_rounds().select_related("framework_version__framework")[:50]:
        latest.setdefault(round_.framework_version.framework_id, round_)
    blocks = []
    for round_ in latest.values():
        ranked = RoundUnit.objects.filter(round=round_, rank__isnull=False).select_related("unit")
        count = ranked.count()
        top = list(ranked.order_by("rank", "id")[:3])
        bottom = list(ranked.order_by("-rank", "-id")[: min(3, max(0, count - 3))])[::-1]
        blocks.append(
            {
                "round": round_,
                "framework": round_.framework_version.framework,
                "unit_count": count,
                "top": top,
                "bottom": bottom,
                "scale": round_.framework_version.scale_total,
            }
        )
    return blocks
