"""Who may do what in engagement. Side by side: a predicate on one object and a queryset of all of them.

* Agency staff, managers and governors act for the agencies their grants cover (``engagement.manage``):
  alignment, relationships, requests, activities, rooms. They all read the registry.
* An NGO representative acts only for the stakeholders they are linked to (``StakeholderRepresentative``).
* Foreign objects are fetched as 404, exactly like missing ones.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from hamafza.engagement.models import (
    ActionItem,
    Activity,
    Booking,
    EngagementRequest,
    Participant,
    Stakeholder,
    StakeholderRepresentative,
)
from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.models import Organization
from hamafza.organizations.roles import Capability

# Both live in the one table of capabilities (``organizations.roles``), so ``can``/``scope_q`` answer for them.
MANAGE = Capability.ENGAGEMENT_MANAGE
ESCALATE = Capability.ENGAGEMENT_ESCALATE


def engages_anywhere(user: Any) -> bool:
    return org_permissions.can_anywhere(user, MANAGE)


def represented_ids(user: Any) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_hamafza_represented", None)
    if cached is None:
        cached = list(StakeholderRepresentative.objects.filter(user=user).values_list("stakeholder_id", flat=True))
        user._hamafza_represented = cached
    return cached


def is_representative(user: Any) -> bool:
    return bool(represented_ids(user))


def uses_registry(user: Any) -> bool:
    return engages_anywhere(user) or is_representative(user)


def uses_requests(user: Any) -> bool:
    return uses_registry(user)


# --- Agencies ----------------------------------------------------------------------------------------------


def agencies_for(user: Any) -> QuerySet[Organization]:
    return org_permissions.organizations_where(user, MANAGE).order_by("sort_key", "id")


def can_act_for(user: Any, organization: Organization) -> bool:
    return org_permissions.can(user, MANAGE, organization)


def get_agency_or_404(user: Any, pk: Any) -> Organization:
    return org_permissions.get_organization_or_404(user, MANAGE, pk)


def _agency_q(user: Any, prefix: str = "organization") -> Q | None:
    return org_permissions.scope_q(user, MANAGE, prefix=prefix)


# --- Stakeholders ------------------------------------------------------------------------------------------


def stakeholders_visible_to(user: Any) -> QuerySet[Stakeholder]:
    """The registry is shared by the agencies; a representative sees only the stakeholders they act for."""
    if engages_anywhere(user):
        return Stakeholder.objects.all()
    return Stakeholder.objects.filter(pk__in=represented_ids(user))


def can_view_stakeholder(user: Any, stakeholder: Stakeholder) -> bool:
    return engages_anywhere(user) or stakeholder.pk in represented_ids(user)


def can_open_stakeholder_documents(user: Any, stakeholder: Stakeholder) -> bool:
    """A stakeholder's documents open for whoever may open its page: agency people, and its own representative."""
    return can_view_stakeholder(user, stakeholder)


def can_create_stakeholder(user: Any) -> bool:
    return engages_anywhere(user)


def can_edit_stakeholder(user: Any, stakeholder: Stakeholder) -> bool:
    return engages_anywhere(user) or stakeholder.pk in represented_ids(user)


def can_verify_stakeholder(user: Any) -> bool:
    return engages_anywhere(user)


def get_stakeholder_or_404(user: Any, pk: Any, *, edit: bool = False) -> Stakeholder:
    stakeholder = Stakeholder.objects.filter(pk=pk).first()
    if stakeholder is None:
        raise Http404
    allowed = can_edit_stakeholder(user, stakeholder) if edit else can_view_stakeholder(user, stakeholder)
    if not allowed:
        raise Http404
    return stakeholder


# --- Requests ----------------------------------------------------------------------------------------------


def requests_visible_to(user: Any) -> QuerySet[EngagementRequest]:
    query = Q(stakeholder_id__in=represented_ids(user)) if represented_ids(user) else None
    agency = _agency_q(user)
    if agency is not None and not agency:
        return EngagementRequest.objects.all()  # a system administrator
    if agency is not None:
        query = agency if query is None else query | agency
    if query is None:
        return EngagementRequest.objects.none()
    return EngagementRequest.objects.filter(query)


def acts_as_agency(user: Any, request: EngagementRequest) -> bool:
    return can_act_for(user, request.organization)


def acts_as_stakeholder(user: Any, request: EngagementRequest) -> bool:
    return request.stakeholder_id in represented_ids(user)


def can_view_request(user: Any, request: EngagementRequest) -> bool:
    return acts_as_agency(user, request) or acts_as_stakeholder(user, request)


def get_request_or_404(user: Any, pk: Any) -> EngagementRequest:
    request = EngagementRequest.objects.select_related("organization", "stakeholder").filter(pk=pk).first()
    if request is None or not can_view_request(user, request):
        raise Http404
    return request


# --- Activities and rooms ----------------------------------------------------------------------------------


def activities_visible_to(user: Any) -> QuerySet[Activity]:
    """An agency's activities for its people; a representative sees those their stakeholder takes part in; anyone
    those they take part in or own a decision of.

    The personal ways in are one ``id IN (SELECT activity_id FROM participant WHERE … UNION SELECT activity_id FROM
    actionitem WHERE owner_id = …)``, read through the participants' and action items' indexes. An ``OR`` across
    the joins to participants and action items made PostgreSQL walk all 500,000 activities of the national
    profile (1.4 s) for a person who takes part in none.
    """
    agency = _agency_q(user)
    if agency is not None and not agency:
        return Activity.objects.all()  # a system administrator
    sources: list[QuerySet[Any]] = []
    represented = represented_ids(user)
    if represented:
        sources.append(Participant.objects.filter(stakeholder_id__in=represented).order_by().values("activity_id"))
    if getattr(user, "is_authenticated", False):
        sources.append(Participant.objects.filter(user=user).order_by().values("activity_id"))
        sources.append(ActionItem.objects.filter(owner=user).order_by().values("activity_id"))
    query = agency
    if sources:
        mine = Q(pk__in=sources[0].union(*sources[1:]))
        query = mine if query is None else query | mine
    if query is None:
        return Activity.objects.none()
    return Activity.objects.filter(query)


def can_manage_activity(user: Any, activity: Activity) -> bool:
    return can_act_for(user, activity.organization)


def can_view_activity(user: Any, activity: Activity) -> bool:
    return activities_visible_to(user).filter(pk=activity.pk).exists()


def get_activity_or_404(user: Any, pk: Any, *, manage: bool = False) -> Activity:
    activity = Activity.objects.select_related("organization", "room").filter(pk=pk).first()
    if activity is None:
        raise Http404
    if manage:
        allowed = can_manage_activity(user, activity)
    else:
        allowed = activities_visible_to(user).filter(pk=activity.pk).exists()
    if not allowed:
        raise Http404
    return activity


def bookings_visible_to(user: Any) -> QuerySet[Booking]:
    query = Q(stakeholder_id__in=represented_ids(user)) if represented_ids(user) else None
    agency = _agency_q(user, prefix="room__organization")
    if agency is not None and not agency:
        return Booking.objects.all()  # a system administrator
    if agency is not None:
        query = agency if query is None else query | agency
    if query is None:
        return Booking.objects.none()
    return Booking.objects.filter(query)
