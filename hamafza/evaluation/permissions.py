"""Who may do what in evaluation. Side by side: a predicate on one object and a queryset of all of them.

* The evaluation office (``evaluation.manage``) runs rounds whose ``office`` lies in its scope.
* A unit's managers and staff (``evaluation.self_assess``) answer for their own unit.
* An inspector acts only on units they are assigned to.
* Results of a round are public once it is published; before that a unit sees only its own.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from hamafza.evaluation.models import Assignment, Round, RoundState, RoundUnit
from hamafza.organizations import permissions as org_permissions


def can_manage_round(user: Any, round_: Round) -> bool:
    return org_permissions.can(user, "evaluation.manage", round_.office)


def rounds_managed_by(user: Any) -> QuerySet[Round]:
    query = org_permissions.scope_q(user, "evaluation.manage", prefix="office")
    return Round.objects.none() if query is None else Round.objects.filter(query)


def can_self_assess(user: Any, round_unit: RoundUnit) -> bool:
    return org_permissions.can(user, "evaluation.self_assess", round_unit.unit)


def is_assigned(user: Any, round_unit: RoundUnit) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Assignment.objects.filter(round_unit=round_unit, inspector=user).exists()


def round_units_visible_to(user: Any) -> QuerySet[RoundUnit]:
    """Every round-unit this person may look at: managed, own unit, assigned, or published."""
    query = Q(round__state=RoundState.PUBLISHED)
    for capability, prefix in (
        ("evaluation.manage", "round__office"),
        ("evaluation.self_assess", "unit"),
        ("evaluation.view_own", "unit"),
    ):
        scope = org_permissions.scope_q(user, capability, prefix=prefix)
        if scope is not None:
            query |= scope
    if getattr(user, "is_authenticated", False):
        query |= Q(assignments__inspector=user)
    return RoundUnit.objects.filter(query).distinct()


def can_view_round_unit(user: Any, round_unit: RoundUnit) -> bool:
    return (
        round_unit.round.state == RoundState.PUBLISHED
        or can_manage_round(user, round_unit.round)
        or org_permissions.can(user, "evaluation.self_assess", round_unit.unit)
        or org_permissions.can(user, "evaluation.view_own", round_unit.unit)
        or is_assigned(user, round_unit)
    )


def can_open_files(user: Any, round_unit: RoundUnit) -> bool:
    """Evidence and objection attachments: the unit itself, its inspectors and the office running the round.

    Narrower than ``can_view_round_unit``: a published result is public, the documents behind it are not.
    """
    return (
        can_manage_round(user, round_unit.round)
        or org_permissions.can(user, "evaluation.self_assess", round_unit.unit)
        or org_permissions.can(user, "evaluation.view_own", round_unit.unit)
        or is_assigned(user, round_unit)
    )


def round_units_with_files_visible_to(user: Any) -> QuerySet[RoundUnit]:
    """The round-units whose files ``user`` may open: the queryset twin of ``can_open_files``."""
    query = Q(pk__in=[])
    for capability, prefix in (
        ("evaluation.manage", "round__office"),
        ("evaluation.self_assess", "unit"),
        ("evaluation.view_own", "unit"),
    ):
        scope = org_permissions.scope_q(user, capability, prefix=prefix)
        if scope is not None:
            query |= scope
    if getattr(user, "is_authenticated", False):
        query |= Q(assignments__inspector=user)
    return RoundUnit.objects.filter(query).distinct()


def get_round_unit_or_404(user: Any, pk: Any, *, action: str = "view") -> RoundUnit:
    """Fetch a round-unit for ``action`` (view, self_assess, inspect, manage); a foreign one is a 404."""
    round_unit = RoundUnit.objects.select_related("round", "round__office", "unit").filter(pk=pk).first()
    if round_unit is None:
        raise Http404
    allowed = {
        "view": can_view_round_unit,
        "self_assess": can_self_assess,
        "inspect": is_assigned,
        "manage": lambda u, ru: can_manage_round(u, ru.round),
    }[action](user, round_unit)
    if not allowed:
        raise Http404
    return round_unit


def get_round_or_404(user: Any, pk: Any, *, manage: bool = False) -> Round:
    round_ = Round.objects.select_related("office", "framework_version__framework").filter(pk=pk).first()
    if round_ is None:
        raise Http404
    if manage and not can_manage_round(user, round_):
        raise Http404
    if not manage and round_.state != RoundState.PUBLISHED and not can_manage_round(user, round_):
        if not round_units_visible_to(user).filter(round=round_).exists():
            raise Http404
    return round_


def can_update_action(user: Any, action: Any) -> bool:
    """The owner unit reports progress on its corrective action; the round's office may too."""
    return org_permissions.can(user, "evaluation.self_assess", action.owner_organization) or can_manage_round(
        user, action.root_cause.finding.round_unit.round
    )


def can_follow_actions(user: Any) -> bool:
    """Who may open the list of corrective actions: the office, and the units that own actions."""
    return org_permissions.can_anywhere(user, "evaluation.manage") or org_permissions.can_anywhere(
        user, "evaluation.self_assess"
    )
