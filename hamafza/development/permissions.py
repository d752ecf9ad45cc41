"""Who may see and change development data, scoped to the organization tree.

* Capacities, indicators and the ranking: seen by people who may view the owner organization, entered by those
  with ``development.manage`` there (its staff, managers and the governor above it).
* Key works: their program's rules (``hamafza.programs.permissions``): public once published, edited by managers.
* Pledges: anyone signed in may pledge to a program they can see; the program owner's staff confirm and deliver.
* Experiences: everyone reads the published ones; the owner's people see drafts; staff write and mark adoption.
Foreign objects are 404, exactly like missing ones.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from hamafza.development.models import Capacity, Experience, Indicator, KeyWork, Pledge
from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.models import Organization
from hamafza.programs import permissions as program_permissions

VIEW = "organization.view"
MANAGE = "development.manage"


def manages_anywhere(user: Any) -> bool:
    return org_permissions.can_anywhere(user, MANAGE)


def views_anywhere(user: Any) -> bool:
    return org_permissions.can_anywhere(user, VIEW)


def get_owner_or_404(user: Any, pk: Any, *, manage: bool = False) -> Organization:
    return org_permissions.get_organization_or_404(user, MANAGE if manage else VIEW, pk)


def get_ranking_owner_or_404(user: Any, pk: Any) -> Organization:
    """A development ranking is public statistics once its organization has indicators; before that only the
    organization's own people find the (empty) page."""
    org = Organization.objects.select_related("province").filter(pk=pk).first()
    if org is None:
        raise Http404
    if not Indicator.objects.filter(owner=org).exists() and not org_permissions.can(user, VIEW, org):
        raise Http404
    return org


def can_manage(user: Any, org: Organization) -> bool:
    return org_permissions.can(user, MANAGE, org)


def organizations_managed(user: Any) -> QuerySet[Organization]:
    return org_permissions.organizations_where(user, MANAGE)


def get_capacity_or_404(user: Any, pk: Any) -> Capacity:
    capacity = Capacity.objects.select_related("owner", "county").filter(pk=pk).first()
    if capacity is None or not can_manage(user, capacity.owner):
        raise Http404
    return capacity


def get_indicator_or_404(user: Any, pk: Any) -> Indicator:
    indicator = Indicator.objects.select_related("owner").filter(pk=pk).first()
    if indicator is None or not can_manage(user, indicator.owner):
        raise Http404
    return indicator


def key_works_visible_to(user: Any) -> QuerySet[KeyWork]:
    return KeyWork.objects.filter(program__in=program_permissions.programs_visible_to(user).values("id"))


def get_key_work_or_404(user: Any, pk: Any) -> KeyWork:
    key_work = KeyWork.objects.select_related("program__owner", "county", "governor").filter(pk=pk).first()
    if key_work is None or not program_permissions.can_view_program(user, key_work.program):
        raise Http404
    return key_work


def can_handle_pledges(user: Any, program: Any) -> bool:
    return can_manage(user, program.owner)


def pledges_handled_by(user: Any) -> QuerySet[Pledge]:
    scope = org_permissions.scope_q(user, MANAGE, prefix="program__owner")
    return Pledge.objects.none() if scope is None else Pledge.objects.filter(scope)


def get_pledge_or_404(user: Any, pk: Any) -> Pledge:
    pledge = Pledge.objects.select_related("program__owner").filter(pk=pk).first()
    if pledge is None or not can_handle_pledges(user, pledge.program):
        raise Http404
    return pledge


def experiences_visible_to(user: Any) -> QuerySet[Experience]:
    scope = org_permissions.scope_q(user, VIEW, prefix="owner")
    published = Q(is_published=True)
    return Experience.objects.filter(published if scope is None else published | scope)


def get_experience_or_404(user: Any, pk: Any, *, edit: bool = False) -> Experience:
    experience = Experience.objects.select_related("owner").filter(pk=pk).first()
    if experience is None:
        raise Http404
    if edit:
        allowed = can_manage(user, experience.owner)
    else:
        allowed = experience.is_published or org_permissions.can(user, VIEW, experience.owner)
    if not allowed:
        raise Http404
    return experience
